package dev.poolse.codegen.asyncapi;

import java.util.Locale;
import java.util.Set;

/** Turns wire names (snake_case, kebab-case, {@code message:new}) into Java identifiers. */
final class JavaNames {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "_");

    /** Record components may not be named like the no-argument methods of {@link Object}. */
    private static final Set<String> OBJECT_METHODS =
            Set.of("clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    private JavaNames() {
    }

    /** {@code presence_meta} to {@code PresenceMeta}; an already PascalCase name is kept. */
    static String typeName(String wireName) {
        return safe(capitalize(camel(wireName)));
    }

    /** {@code last_read_at} to {@code lastReadAt}, avoiding keywords and {@link Object} methods. */
    static String memberName(String wireName) {
        String camel = camel(wireName);
        String name = camel.isEmpty() ? camel : Character.toLowerCase(camel.charAt(0)) + camel.substring(1);
        name = safe(name);
        return OBJECT_METHODS.contains(name) ? name + "_" : name;
    }

    /** {@code message:new} to {@code MESSAGE_NEW}, {@code presence_state} to {@code PRESENCE_STATE}. */
    static String constantName(String wireName) {
        String upper = wireName.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("^_+|_+$", "")
                .toUpperCase(Locale.ROOT);
        if (upper.isEmpty()) {
            upper = "EMPTY";
        }
        return safe(upper);
    }

    /**
     * The Java string literal (with quotes) for {@code value}: quotes and backslashes escaped,
     * non-ASCII and control characters as unicode escapes so that generated sources are pure ASCII.
     */
    static String literal(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String camel(String wireName) {
        StringBuilder out = new StringBuilder();
        boolean upperNext = false;
        for (int i = 0; i < wireName.length(); i++) {
            char c = wireName.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128) {
                out.append(upperNext && out.length() > 0 ? Character.toUpperCase(c) : c);
                upperNext = false;
            } else {
                upperNext = true;
            }
        }
        return out.toString();
    }

    private static String capitalize(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String safe(String name) {
        if (name.isEmpty()) {
            return "_empty";
        }
        if (Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        return KEYWORDS.contains(name) ? name + "_" : name;
    }
}
