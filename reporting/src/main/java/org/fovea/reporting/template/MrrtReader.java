package org.fovea.reporting.template;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.ParseError;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an IHE MRRT report template (HTML5: {@code dcterms.*} metadata in the head, the coded
 * {@code template_attributes} in a {@code <script type="text/xml">} block, sections marked by
 * {@code data-section-name}, fields as {@code input}/{@code select}/{@code textarea}) into a
 * {@link ReportTemplate}. A template is data: jsoup parses it, the attributes block is read as
 * XML (never run), and the HTML kept for display is cleaned by jsoup's Safelist, so no script,
 * event handler, frame or remote resource of a template ever reaches the editor.
 *
 * <p>Refused, with the file, the line and the reason: no title or identifier, an attributes
 * block that is not well-formed XML, no findings or no impression section, two fields with one
 * id, and any active content ({@code <script>} other than the attributes block, {@code on*}
 * handlers, {@code javascript:} URLs, frames, objects): a template with those was not written as
 * a template, and quietly running half of it would be worse than saying so.
 */
public final class MrrtReader {

    static final Set<String> FINDINGS = Set.of("findings", "检查所见", "影像所见");
    static final Set<String> IMPRESSION = Set.of("impression", "诊断意见", "印象", "诊断");

    private MrrtReader() {
    }

    public static ReportTemplate read(String html, String file) throws TemplateException {
        Parser parser = Parser.htmlParser().setTrackErrors(50).setTrackPosition(true);
        Document doc = Jsoup.parse(html, "", parser);
        refuseActiveContent(doc, file);
        String title = meta(doc, "dcterms.title");
        String id = meta(doc, "dcterms.identifier");
        if (title.isEmpty()) {
            throw new TemplateException(file + ": line 1: no title (<meta name=\"dcterms.title\">), required by MRRT");
        }
        if (id.isEmpty()) {
            throw new TemplateException(file + ": line 1: no identifier (<meta name=\"dcterms.identifier\">), required by MRRT");
        }
        String language = meta(doc, "dcterms.language");
        Attributes attrs = attributes(doc, file);
        Map<String, TemplateField> fields = fields(doc, file);
        Element findings = section(doc, FINDINGS);
        Element impression = section(doc, IMPRESSION);
        if (findings == null || impression == null) {
            throw new TemplateException(file + ": line " + line(doc.body()) + ": no "
                    + (findings == null ? "findings (检查所见)" : "impression (诊断意见)")
                    + " section (<section data-section-name=\"...\">)");
        }
        String modality = attrs.modality.isEmpty() ? meta(doc, "fovea.modality") : attrs.modality;
        List<String> bodyParts = new ArrayList<>(attrs.bodyParts);
        bodyParts.addAll(split(meta(doc, "fovea.body-part")));
        List<String> exams = split(meta(doc, "fovea.exam-items"));
        String clean = new Cleaner(Safelist.relaxed().addTags("section", "header", "label", "input", "select",
                "option", "textarea").addAttributes(":all", "id", "name", "class", "data-section-name",
                "data-field-type", "data-field-unit", "type", "value", "for", "checked", "selected"))
                .clean(doc).body().html();
        return new ReportTemplate(id, title, language.isEmpty() ? "zh" : language, modality,
                List.copyOf(new LinkedHashSet<>(bodyParts)), exams, text(findings), text(impression),
                List.copyOf(fields.values()), clean);
    }

    private static void refuseActiveContent(Document doc, String file) throws TemplateException {
        for (Element e : doc.getAllElements()) {
            String tag = e.normalName();
            if (tag.equals("script") && !e.attr("type").equalsIgnoreCase("text/xml")) {
                throw new TemplateException(file + ": line " + line(e) + ": a <script> (templates are data; nothing in one may run)");
            }
            if (Set.of("iframe", "frame", "object", "embed", "applet", "base").contains(tag)) {
                throw new TemplateException(file + ": line " + line(e) + ": a <" + tag + "> (templates may not load or run anything)");
            }
            for (org.jsoup.nodes.Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                String value = a.getValue().trim().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    throw new TemplateException(file + ": line " + line(e) + ": an event handler (" + a.getKey()
                            + "=) on <" + tag + "> (templates are data; nothing in one may run)");
                }
                if (value.startsWith("javascript:") || (name.equals("src") && value.contains("://"))) {
                    throw new TemplateException(file + ": line " + line(e) + ": " + a.getKey() + "=\"" + a.getValue()
                            + "\" on <" + tag + "> (no scripts or remote resources in a template)");
                }
            }
        }
    }

    private record Attributes(String modality, List<String> bodyParts) {
    }

    /** The coded template_attributes block, read as XML: its body part and modality terms. */
    private static Attributes attributes(Document doc, String file) throws TemplateException {
        Element block = doc.selectFirst("script[type=text/xml]");
        if (block == null) {
            return new Attributes("", List.of());
        }
        Parser xml = Parser.xmlParser().setTrackErrors(20).setTrackPosition(true);
        Document attrs = Jsoup.parse(block.data(), "", xml);
        List<ParseError> errors = xml.getErrors();
        int baseLine = line(block) - 1;
        if (!errors.isEmpty()) {
            throw new TemplateException(file + ": line " + (baseLine + lineOf(block.data(), errors.get(0).getPosition()))
                    + ": the template_attributes block is not well-formed XML: " + errors.get(0).getErrorMessage());
        }
        String unclosed = unclosedTag(block.data());
        if (unclosed != null) {
            throw new TemplateException(file + ": line " + (baseLine + lineOf(block.data(), block.data().indexOf("<" + unclosed)))
                    + ": the template_attributes block is not well-formed XML: <" + unclosed + "> is never closed");
        }
        String modality = "";
        List<String> parts = new ArrayList<>();
        for (Element term : attrs.select("term code, coded_content code, code")) {
            String meaning = term.attr("meaning");
            String scheme = term.attr("scheme").toUpperCase(Locale.ROOT);
            if (scheme.equals("DCM") && term.attr("value").matches("[A-Z]{2}")) {
                modality = term.attr("value");
            } else if (!meaning.isEmpty()) {
                parts.add(meaning);
            }
        }
        return new Attributes(modality, parts);
    }

    /** The first element opened in an XML text and never closed (jsoup's XML parser closes silently at the end). */
    private static String unclosedTag(String xml) {
        java.util.Deque<String> open = new java.util.ArrayDeque<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(/?)([A-Za-z_][\\w.:-]*)[^>]*?(/?)>").matcher(xml);
        while (m.find()) {
            if (!m.group(3).isEmpty()) {
                continue;
            }
            if (m.group(1).isEmpty()) {
                open.push(m.group(2));
            } else if (!open.isEmpty() && open.peek().equals(m.group(2))) {
                open.pop();
            } else {
                return open.isEmpty() ? m.group(2) : open.peek();
            }
        }
        return open.isEmpty() ? null : open.peekLast();
    }

    private static Map<String, TemplateField> fields(Document doc, String file) throws TemplateException {
        Map<String, TemplateField> out = new LinkedHashMap<>();
        for (Element e : doc.body().select("input, select")) {
            String id = e.id().isEmpty() ? e.attr("name") : e.id();
            if (id.isEmpty()) {
                throw new TemplateException(file + ": line " + line(e) + ": a field without an id");
            }
            if (out.containsKey(id)) {
                throw new TemplateException(file + ": line " + line(e) + ": two fields with the id \"" + id + "\"");
            }
            Element label = doc.selectFirst("label[for=" + id + "]");
            String text = label != null ? label.text() : e.attr("name");
            TemplateField.Kind kind;
            List<String> choices = List.of();
            if (e.normalName().equals("select")) {
                kind = TemplateField.Kind.CHOICE;
                choices = e.select("option").eachText();
            } else {
                kind = switch (e.attr("type").toLowerCase(Locale.ROOT)) {
                    case "number" -> TemplateField.Kind.NUMBER;
                    case "checkbox" -> TemplateField.Kind.CHECKBOX;
                    case "date" -> TemplateField.Kind.DATE;
                    default -> TemplateField.Kind.TEXT;
                };
            }
            Element sectionOf = e.closest("section");
            String def = kind == TemplateField.Kind.CHECKBOX ? (e.hasAttr("checked") ? "true" : "")
                    : kind == TemplateField.Kind.CHOICE ? selected(e) : e.attr("value");
            out.put(id, new TemplateField(id, text, kind, choices, e.attr("data-field-unit"), def,
                    sectionOf == null ? "" : sectionOf.attr("data-section-name"), e.hasAttr("required")));
        }
        return out;
    }

    private static String selected(Element select) {
        Element s = select.selectFirst("option[selected]");
        return s == null ? "" : s.text();
    }

    private static Element section(Document doc, Set<String> names) {
        for (Element s : doc.select("section[data-section-name]")) {
            if (names.contains(s.attr("data-section-name").trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        return null;
    }

    /**
     * A section's starting text: its paragraphs and text areas, one line each, without its
     * header; the fields are in the form, not in the text.
     */
    private static String text(Element section) {
        List<String> lines = new ArrayList<>();
        for (Element e : section.select("p, textarea, li")) {
            if (e.normalName().equals("p") && !e.select("input, select").isEmpty()) {
                continue;
            }
            String t = e.normalName().equals("textarea") ? e.wholeText().strip() : e.text().strip();
            if (!t.isEmpty()) {
                lines.add(t);
            }
        }
        return String.join("\n", lines);
    }

    private static String meta(Document doc, String name) {
        Element m = doc.selectFirst("meta[name=" + name + "]");
        return m == null ? "" : m.attr("content").trim();
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split("[,;，；]")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    private static int line(Node n) {
        int l = n.sourceRange().start().lineNumber();
        return Math.max(1, l);
    }

    private static int lineOf(String text, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
