import Foundation
import Mustache

/// Turns report data into the page's HTML with the escaping template engine.
public enum ReportRenderer {
    public static func html(_ data: ReportData, config: LoadedConfig) throws -> String {
        guard let html = try library().render(ReportPage(data: data, config: config), withTemplate: "page") else {
            throw ReportTemplateError(name: "page", reason: "not registered")
        }
        return html
    }

    static func library() throws -> MustacheLibrary {
        var library = MustacheLibrary()
        let templates = [
            "page": ReportTemplates.page, "chart": ReportTemplates.chart, "pair": ReportTemplates.pair, "signalPath": ReportTemplates.signalPath,
            "tables": ReportTemplates.tables, "operations": ReportTemplates.operations, "style": ReportStyle.css,
            "network": ReportNetworkBlock.template,
            "notifications": NotificationsBlock.template,
        ]
        for (name, text) in templates {
            do {
                try library.register(text, named: name)
            } catch {
                throw ReportTemplateError(name: name, reason: String(describing: error))
            }
        }
        return library
    }
}

/// A template that does not parse: a defect of this program, reported in one line.
struct ReportTemplateError: OperatorFacingError {
    let name: String
    let reason: String
    var exitStatus: ExitStatus { .failure }
    var description: String { "the report template \(name) does not parse (\(reason.singleLine(limit: 200))); please report this bug" }
}
