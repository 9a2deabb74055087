package dev.poolse.docs;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * CommonMark (with GitHub tables) to HTML, for guide pages and for the Markdown in spec
 * descriptions. Raw HTML in the input is escaped: the specs and guides are text, and escaping keeps
 * a stray tag from breaking a page. Headings get stable ids so pages can link to sections.
 */
final class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .attributeProviderFactory(context -> new HeadingIds())
            .build();

    /** Renders a Markdown document (or a spec description) to an HTML fragment; null gives "". */
    String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return renderer.render(parser.parse(markdown));
    }

    /** Parses a Markdown document for callers that need its structure (title, summary). */
    Node parse(String markdown) {
        return parser.parse(markdown);
    }

    /** Renders an already parsed document. */
    String render(Node document) {
        return renderer.render(document);
    }

    /** The plain text of a node: text and inline code, without markup; line breaks become spaces. */
    static String text(Node node) {
        StringBuilder out = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                out.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                out.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak lineBreak) {
                out.append(' ');
            }

            @Override
            public void visit(HardLineBreak lineBreak) {
                out.append(' ');
            }
        });
        return out.toString();
    }

    /** The first paragraph of a document as plain text, or "" when there is none. */
    static String firstParagraph(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Paragraph) {
                return text(n);
            }
        }
        return "";
    }

    /**
     * A lowercase, dash-separated id made of the letters and digits of {@code text}, the way
     * readers expect section anchors to look ({@code "Retry budget"} becomes {@code retry-budget}).
     */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "section" : s;
    }

    /** Gives each heading a unique id within one rendered document. */
    private static final class HeadingIds implements AttributeProvider {
        private final Map<String, Integer> seen = new HashMap<>();

        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            if (node instanceof Heading) {
                String base = slug(text(node));
                int n = seen.merge(base, 1, Integer::sum);
                attributes.put("id", n == 1 ? base : base + "-" + n);
            }
        }
    }
}
