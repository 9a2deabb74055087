package dev.poolse.apicheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.signature.SignatureReader;
import org.objectweb.asm.util.TraceSignatureVisitor;

/**
 * Reads compiled classes and writes their public API as sorted text: one line per accessible type,
 * then one indented line per public or protected field, constructor and method of it. Only the
 * class files are read (nothing is loaded), so the output is the same on every JDK.
 *
 * <p>A type is part of the API when it is public (or a public or protected member type of such a
 * type), its package is selected, and no segment of its package is {@code internal}. Protected
 * members of final types are left out (no user can reach them), and so are synthetic members and
 * bridges. Generic signatures are kept, since changing them breaks source compatibility.
 */
public final class ApiDump {
    private ApiDump() {
    }

    /** One accessible type: its declaration line and its member lines. */
    record TypeApi(String name, String declaration, TreeSet<String> members) {
    }

    /** Fields, then constructors, then methods; each group by name, then by the whole line. */
    static final Comparator<String> MEMBER_ORDER = Comparator
            .comparingInt((String m) -> !m.contains("(") ? 0 : m.contains("<init>(") ? 1 : 2)
            .thenComparing(ApiDump::memberName)
            .thenComparing(Comparator.naturalOrder());

    private static String memberName(String member) {
        int paren = member.indexOf('(');
        String head = paren < 0 ? member : member.substring(0, paren);
        return head.substring(head.lastIndexOf(' ') + 1);
    }

    /** What a class file says about a type, before accessibility is decided. */
    private static final class ClassInfo {
        String name;
        int access;
        boolean nested;
        int innerAccess;
        String outer;
        boolean sealed;
        String declaration;
        final TreeSet<String> members = new TreeSet<>(MEMBER_ORDER);
    }

    /**
     * @param classesDir a compiler output folder
     * @param packages selected packages: {@code a.b} is exactly that package, {@code a.b.*} is it
     *     and every package under it
     * @return the API, sorted by type name
     */
    public static List<TypeApi> dump(Path classesDir, List<String> packages) throws IOException {
        Map<String, ClassInfo> classes = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(classesDir)) {
            files = s.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.class")
                            && !p.getFileName().toString().equals("package-info.class"))
                    .sorted().toList();
        }
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                ClassInfo info = read(new ClassReader(in));
                classes.put(info.name, info);
            }
        }
        Map<String, TypeApi> api = new TreeMap<>();
        for (ClassInfo info : classes.values()) {
            if (selected(info.name, packages) && accessible(info, classes)) {
                boolean finalType = (info.access & Opcodes.ACC_FINAL) != 0;
                TreeSet<String> members = new TreeSet<>(MEMBER_ORDER);
                for (String m : info.members) {
                    // "protected ..." members are unreachable when nobody can subclass.
                    if (!(finalType && m.startsWith("protected "))) {
                        members.add(m);
                    }
                }
                String name = info.name.replace('/', '.');
                api.put(name, new TypeApi(name, info.declaration, members));
            }
        }
        return new ArrayList<>(api.values());
    }

    /** The text form written to and compared with the API file. */
    public static String render(List<TypeApi> api) {
        StringBuilder out = new StringBuilder();
        for (TypeApi t : api) {
            out.append(t.declaration()).append('\n');
            for (String m : t.members()) {
                out.append("  ").append(m).append('\n');
            }
        }
        return out.toString();
    }

    static boolean selected(String internalName, List<String> packages) {
        int slash = internalName.lastIndexOf('/');
        String pkg = slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
        for (String segment : pkg.split("\\.")) {
            if (segment.equals("internal")) {
                return false;
            }
        }
        for (String p : packages) {
            if (p.endsWith(".*")) {
                String base = p.substring(0, p.length() - 2);
                if (pkg.equals(base) || pkg.startsWith(base + ".")) {
                    return true;
                }
            } else if (pkg.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean accessible(ClassInfo info, Map<String, ClassInfo> classes) {
        if (!info.nested) {
            return (info.access & Opcodes.ACC_PUBLIC) != 0;
        }
        if (info.outer == null) {
            return false; // local or anonymous
        }
        ClassInfo outer = classes.get(info.outer);
        if (outer == null || !accessible(outer, classes)) {
            return false;
        }
        if ((info.innerAccess & Opcodes.ACC_PUBLIC) != 0) {
            return true;
        }
        return (info.innerAccess & Opcodes.ACC_PROTECTED) != 0 && (outer.access & Opcodes.ACC_FINAL) == 0;
    }

    private static ClassInfo read(ClassReader reader) {
        ClassInfo info = new ClassInfo();
        String[] signature = new String[1];
        String[] superName = new String[1];
        String[][] interfaces = new String[1][];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String sig, String sup, String[] ifaces) {
                info.name = name;
                info.access = access;
                signature[0] = sig;
                superName[0] = sup;
                interfaces[0] = ifaces;
            }

            @Override
            public void visitInnerClass(String name, String outerName, String innerName, int access) {
                if (name.equals(info.name)) {
                    info.nested = true;
                    info.innerAccess = access;
                    info.outer = outerName;
                }
            }

            @Override
            public void visitPermittedSubclass(String permittedSubclass) {
                info.sealed = true;
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String sig, Object value) {
                if (visible(access)) {
                    TraceSignatureVisitor v = new TraceSignatureVisitor(0);
                    new SignatureReader(sig != null ? sig : descriptor).acceptType(v);
                    info.members.add(modifiers(access, false) + v.getDeclaration() + " " + name);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String sig, String[] exceptions) {
                if (visible(access) && (access & Opcodes.ACC_BRIDGE) == 0) {
                    info.members.add(method(access, name, descriptor, sig, exceptions, info.access));
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);

        int access = info.nested ? info.innerAccess | (info.access & Opcodes.ACC_DEPRECATED) : info.access;
        String kind = kind(info.access, superName[0]);
        // Written as in Java source: no implicit "final" on records and enums, no implicit
        // "static" on member interfaces, enums and records.
        if (kind.equals("record") || kind.equals("enum")) {
            access &= ~Opcodes.ACC_FINAL;
        }
        if (!kind.equals("class")) {
            access &= ~Opcodes.ACC_STATIC;
        }
        StringBuilder decl = new StringBuilder(modifiers(access, true));
        if (info.sealed) {
            decl.append("sealed ");
        }
        decl.append(kind).append(' ').append(info.name.replace('/', '.'));
        decl.append(supertypes(info, signature[0], superName[0], interfaces[0]));
        info.declaration = decl.toString();
        return info;
    }

    private static boolean visible(int access) {
        return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0 && (access & Opcodes.ACC_SYNTHETIC) == 0;
    }

    private static String kind(int access, String superName) {
        if ((access & Opcodes.ACC_ANNOTATION) != 0) {
            return "@interface";
        }
        if ((access & Opcodes.ACC_INTERFACE) != 0) {
            return "interface";
        }
        if ((access & Opcodes.ACC_ENUM) != 0) {
            return "enum";
        }
        if ("java/lang/Record".equals(superName)) {
            return "record";
        }
        return "class";
    }

    private static String modifiers(int access, boolean type) {
        StringBuilder m = new StringBuilder();
        if ((access & Opcodes.ACC_DEPRECATED) != 0) {
            m.append("@Deprecated ");
        }
        if ((access & Opcodes.ACC_PUBLIC) != 0) {
            m.append("public ");
        }
        if ((access & Opcodes.ACC_PROTECTED) != 0) {
            m.append("protected ");
        }
        if ((access & Opcodes.ACC_STATIC) != 0) {
            m.append("static ");
        }
        boolean iface = (access & Opcodes.ACC_INTERFACE) != 0;
        if ((access & Opcodes.ACC_ABSTRACT) != 0 && !(type && iface)) {
            m.append("abstract ");
        }
        if ((access & Opcodes.ACC_FINAL) != 0 && !(type && (access & Opcodes.ACC_ENUM) != 0)) {
            m.append("final ");
        }
        return m.toString();
    }

    private static String supertypes(ClassInfo info, String signature, String superName, String[] interfaces) {
        boolean iface = (info.access & Opcodes.ACC_INTERFACE) != 0;
        if (signature != null) {
            TraceSignatureVisitor v = new TraceSignatureVisitor(info.access);
            new SignatureReader(signature).accept(v);
            // Left out as in Java source: "extends java.lang.Object", and an enum's or record's superclass.
            String d = v.getDeclaration().replace(" extends java.lang.Object", "")
                    .replaceFirst(" extends java\\.lang\\.Enum<[^>]*>", "")
                    .replace(" extends java.lang.Record", "");
            if (d.isEmpty() || d.startsWith("<")) {
                return d;
            }
            return " " + d.strip();
        }
        StringBuilder s = new StringBuilder();
        boolean implicitSuper = superName == null || superName.equals("java/lang/Object")
                || superName.equals("java/lang/Enum") || superName.equals("java/lang/Record");
        if (!iface && !implicitSuper) {
            s.append(" extends ").append(superName.replace('/', '.'));
        }
        List<String> names = new ArrayList<>();
        for (String i : interfaces) {
            if (!(i.equals("java/lang/annotation/Annotation") && (info.access & Opcodes.ACC_ANNOTATION) != 0)) {
                names.add(i.replace('/', '.'));
            }
        }
        if (!names.isEmpty()) {
            s.append(iface ? " extends " : " implements ").append(String.join(", ", names));
        }
        return s.toString();
    }

    private static String method(int access, String name, String descriptor, String sig, String[] exceptions, int ownerAccess) {
        StringBuilder m = new StringBuilder(modifiers(access, false));
        boolean iface = (ownerAccess & Opcodes.ACC_INTERFACE) != 0;
        if (iface && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC)) == 0) {
            m.append("default ");
        }
        String returnType;
        String parameters;
        String typeParameters = "";
        String thrown = "";
        if (sig != null) {
            TraceSignatureVisitor v = new TraceSignatureVisitor(access);
            new SignatureReader(sig).accept(v);
            String d = v.getDeclaration();
            int paren = d.indexOf('(');
            typeParameters = d.substring(0, paren).replace(" extends java.lang.Object", "");
            parameters = d.substring(paren);
            returnType = v.getReturnType();
            if (v.getExceptions() != null) {
                thrown = " throws " + v.getExceptions();
            }
        } else {
            Type t = Type.getMethodType(descriptor);
            List<String> params = new ArrayList<>();
            for (Type a : t.getArgumentTypes()) {
                params.add(a.getClassName());
            }
            parameters = "(" + String.join(", ", params) + ")";
            returnType = t.getReturnType().getClassName();
        }
        if (thrown.isEmpty() && exceptions != null && exceptions.length > 0) {
            List<String> ex = new ArrayList<>();
            for (String e : exceptions) {
                ex.add(e.replace('/', '.'));
            }
            thrown = " throws " + String.join(", ", ex);
        }
        if ((access & Opcodes.ACC_VARARGS) != 0 && parameters.endsWith("[])")) {
            parameters = parameters.substring(0, parameters.length() - 3) + "...)";
        }
        if (!typeParameters.isEmpty()) {
            m.append(typeParameters).append(' ');
        }
        if (name.equals("<init>")) {
            m.append("<init>");
        } else {
            m.append(returnType).append(' ').append(name);
        }
        return m.append(parameters).append(thrown).toString();
    }
}
