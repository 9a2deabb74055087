package dev.poolse.codegen.asyncapi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The imports of one generated file. Types of {@code java.lang} and of the file's own package need
 * none; a type whose simple name is already taken (by a type of the own package or by an earlier
 * import) is written fully qualified, so output never depends on which import "wins".
 */
final class ImportSet {

    private final String ownPackage;
    private final Set<String> ownNames;
    private final Map<String, String> bySimpleName = new HashMap<>();
    private final TreeSet<String> imports = new TreeSet<>();

    /**
     * @param ownPackage the package of the file
     * @param ownNames simple names of the types generated into that package
     */
    ImportSet(String ownPackage, Set<String> ownNames) {
        this.ownPackage = ownPackage;
        this.ownNames = ownNames;
    }

    /** Imports {@code qualifiedName} (no type arguments), e.g. an annotation. */
    ImportSet add(String qualifiedName) {
        int dot = qualifiedName.lastIndexOf('.');
        use(JavaType.of(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1)));
        return this;
    }

    /** The source text for {@code type}, importing what it needs. */
    String use(JavaType type) {
        String head = name(type);
        if (type.arguments().isEmpty()) {
            return head;
        }
        StringBuilder out = new StringBuilder(head).append('<');
        List<JavaType> arguments = type.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(use(arguments.get(i)));
        }
        return out.append('>').toString();
    }

    /** The import statements' names, sorted. */
    List<String> sorted() {
        return List.copyOf(imports);
    }

    private String name(JavaType type) {
        String pkg = type.packageName();
        String simple = type.simpleName();
        if (pkg.equals(ownPackage)) {
            return simple;
        }
        if (pkg.equals("java.lang") && !ownNames.contains(simple)) {
            return simple;
        }
        if (ownNames.contains(simple)) {
            return type.qualifiedName();
        }
        String holder = bySimpleName.putIfAbsent(simple, type.qualifiedName());
        if (holder != null && !holder.equals(type.qualifiedName())) {
            return type.qualifiedName();
        }
        imports.add(type.qualifiedName());
        return simple;
    }
}
