package dev.poolse.codegen.asyncapi;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns spec descriptions (plain text with Markdown {@code `code`} spans) into Javadoc text that
 * cannot break the comment: HTML is escaped, {@code *}{@code /} cannot close it and {@code @}
 * cannot start a block tag.
 */
final class Javadoc {

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    private Javadoc() {
    }

    /**
     * The lines of a description, escaped; paragraphs (blank-line separated) start with {@code <p>}.
     * Returns an empty list for a null or blank description.
     */
    static List<String> lines(String description) {
        List<String> lines = new ArrayList<>();
        if (description == null || description.isBlank()) {
            return lines;
        }
        boolean paragraphBreak = false;
        for (String raw : description.strip().split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                paragraphBreak = true;
                continue;
            }
            if (paragraphBreak) {
                lines.add("<p>");
                paragraphBreak = false;
            }
            lines.add(inline(line));
        }
        return lines;
    }

    /** A description folded onto one line, escaped: for {@code @param} and field comments. */
    static String oneLine(String description) {
        if (description == null || description.isBlank()) {
            return "";
        }
        return inline(description.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /** Escapes text and turns {@code `x`} into {@code <code>x</code>}. */
    static String inline(String text) {
        Matcher m = CODE_SPAN.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start())));
            out.append("<code>").append(escape(m.group(1))).append("</code>");
            last = m.end();
        }
        out.append(escape(text.substring(last)));
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("\\", "&#92;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("@", "&#64;")
                .replace("*/", "*&#47;")
                .replace("{", "&#123;")
                .replace("}", "&#125;");
    }
}
