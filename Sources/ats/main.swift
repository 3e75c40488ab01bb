import ATSCore
import ArgumentParser
print("hi")
