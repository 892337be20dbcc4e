import Foundation

/// Standalone hOCR and ALTO files around the per-page fragments Tesseract's C API returns.
public enum HOCR {
    public static func document(page: String, title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
         <head>
          <title>\(XML.escape(title))</title>
          <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
          <meta name="ocr-system" content="tesseract \(OCREngine.version) via daftar"/>
          <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"/>
         </head>
         <body>
        \(page) </body>
        </html>

        """
    }
}

public enum ALTO {
    public static func document(page: String, sourceName: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alto xmlns="http://www.loc.gov/standards/alto/ns-v3#" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/standards/alto/ns-v3# http://www.loc.gov/alto/v3/alto-3-0.xsd">
        \t<Description>
        \t\t<MeasurementUnit>pixel</MeasurementUnit>
        \t\t<sourceImageInformation>
        \t\t\t<fileName>\(XML.escape(sourceName))</fileName>
        \t\t</sourceImageInformation>
        \t\t<OCRProcessing ID="OCR_0">
        \t\t\t<ocrProcessingStep>
        \t\t\t\t<processingSoftware>
        \t\t\t\t\t<softwareName>tesseract \(OCREngine.version) via daftar</softwareName>
        \t\t\t\t</processingSoftware>
        \t\t\t</ocrProcessingStep>
        \t\t</OCRProcessing>
        \t</Description>
        \t<Layout>
        \(page)\t</Layout>
        </alto>

        """
    }
}

enum XML {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if c.value < 0x20 && c != "\t" && c != "\n" { out += "?" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
