package dev.poolse.codegen.asyncapi;

import java.util.List;
import java.util.Objects;

/**
 * A Java type a schema maps to: a class (possibly generic) named by package and simple name.
 *
 * @param packageName the package, {@code ""} for none
 * @param simpleName the simple name
 * @param arguments type arguments, empty for a non-generic type
 */
record JavaType(String packageName, String simpleName, List<JavaType> arguments) {

    static final JavaType OBJECT = of("java.lang", "Object");
    static final JavaType STRING = of("java.lang", "String");
    static final JavaType BOOLEAN = of("java.lang", "Boolean");
    static final JavaType INTEGER = of("java.lang", "Integer");
    static final JavaType LONG = of("java.lang", "Long");
    static final JavaType FLOAT = of("java.lang", "Float");
    static final JavaType DOUBLE = of("java.lang", "Double");
    static final JavaType BIG_DECIMAL = of("java.math", "BigDecimal");
    static final JavaType UUID = of("java.util", "UUID");
    static final JavaType OFFSET_DATE_TIME = of("java.time", "OffsetDateTime");
    static final JavaType LOCAL_DATE = of("java.time", "LocalDate");
    static final JavaType URI = of("java.net", "URI");

    JavaType {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(simpleName, "simpleName");
        arguments = List.copyOf(arguments);
    }

    static JavaType of(String packageName, String simpleName) {
        return new JavaType(packageName, simpleName, List.of());
    }

    static JavaType listOf(JavaType element) {
        return new JavaType("java.util", "List", List.of(element));
    }

    static JavaType mapOf(JavaType value) {
        return new JavaType("java.util", "Map", List.of(STRING, value));
    }

    /** The fully qualified name without type arguments. */
    String qualifiedName() {
        return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
    }

    boolean isList() {
        return qualifiedName().equals("java.util.List");
    }

    boolean isMap() {
        return qualifiedName().equals("java.util.Map");
    }
}
