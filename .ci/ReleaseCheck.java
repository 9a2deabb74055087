import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a release bundle deployed by {@code mvn -Prelease deploy} against Maven Central's rules,
 * and that a second, independent build produced the same bytes. Run by {@code .ci/release-check}
 * with the JDK's single-file launcher:
 *
 * <pre>java .ci/ReleaseCheck.java STAGING_DIR VERSION SECOND_BUILD_DIR</pre>
 *
 * For every published artifact: the POM (and, for jar modules, the jar, sources jar and Javadoc
 * jar) is present; each file has a good GPG signature ({@code .asc}, verified with the gpg and
 * GNUPGHOME of the environment) and matching {@code .md5} and {@code .sha1} checksums; each POM
 * carries name, description, url, license, developer, scm and issue management (itself or through
 * its deployed parent) and mentions no SNAPSHOT; nothing else was deployed; every jar is
 * byte-identical to the same jar of the second build; and the SDK's User-Agent version is the
 * release version. Prints one line per failed check and a closing count.
 */
public final class ReleaseCheck {
    /** What users consume, with the module folder that builds it; pom-only ones have none. */
    private static final Map<String, String> PUBLISHED = new TreeMap<>(Map.of(
            "poolse-parent", "",
            "poolse-bom", "",
            "poolse-generated-client", "generated-client",
            "poolse-devserver", "devserver",
            "poolse-sdk", "sdk-ergonomic",
            "poolse-spring-boot-starter", "spring-boot-starter"));
    private static final String GROUP_PATH = "dev/poolse";

    private final List<String> failures = new ArrayList<>();
    private int passed;

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java ReleaseCheck.java STAGING_DIR VERSION SECOND_BUILD_DIR");
            System.exit(2);
        }
        ReleaseCheck check = new ReleaseCheck();
        check.run(Path.of(args[0]), args[1], Path.of(args[2]));
        for (String f : check.failures) {
            System.out.println("FAILED: " + f);
        }
        System.out.println("release-check: " + check.passed + " passed, " + check.failures.size() + " failed");
        System.exit(check.failures.isEmpty() ? 0 : 1);
    }

    private void check(boolean ok, String what) {
        if (ok) {
            passed++;
        } else {
            failures.add(what);
        }
    }

    private void run(Path staging, String version, Path secondBuild) throws Exception {
        check(!version.endsWith("-SNAPSHOT"), "the checked version " + version + " is a release version");
        Path group = staging.resolve(GROUP_PATH);
        TreeSet<String> deployed = new TreeSet<>();
        try (Stream<Path> s = Files.list(group)) {
            s.filter(Files::isDirectory).forEach(p -> deployed.add(p.getFileName().toString()));
        }
        check(deployed.equals(PUBLISHED.keySet()),
                "exactly the published artifacts are deployed: expected " + PUBLISHED.keySet() + ", found " + deployed);

        for (Map.Entry<String, String> e : PUBLISHED.entrySet()) {
            String artifactId = e.getKey();
            Path dir = group.resolve(artifactId).resolve(version);
            String base = artifactId + "-" + version;
            Path pom = dir.resolve(base + ".pom");
            if (!Files.isRegularFile(pom)) {
                check(false, artifactId + ": " + pom + " exists");
                continue;
            }
            List<String> required = new ArrayList<>(List.of(base + ".pom"));
            boolean jar = !e.getValue().isEmpty();
            if (jar) {
                required.addAll(List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar",
                        base + "-cyclonedx.json"));
            }
            for (String name : required) {
                check(Files.isRegularFile(dir.resolve(name)) && Files.size(dir.resolve(name)) > 0,
                        artifactId + ": " + name + " is deployed and not empty");
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path file : s.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".asc") || name.endsWith(".md5") || name.endsWith(".sha1")) {
                        continue;
                    }
                    checkSignatureAndChecksums(file);
                    if (name.endsWith(".jar")) {
                        Path target = secondBuild.resolve(e.getValue()).resolve("target");
                        // The shaded executable jar is built as <artifactId>.jar and attached as -all.
                        String built = name.equals(base + "-all.jar") ? artifactId + ".jar" : name;
                        checkReproduced(file, target.resolve(built));
                    }
                }
            }
            checkPom(pom, group, version);
            if (jar) {
                checkJarContents(dir, base, artifactId);
                checkSbom(dir.resolve(base + "-cyclonedx.json"), artifactId, version);
            }
        }
        checkUserAgentVersion(group.resolve("poolse-sdk").resolve(version)
                .resolve("poolse-sdk-" + version + ".jar"), version);
    }

    private void checkSignatureAndChecksums(Path file) throws Exception {
        String name = file.getFileName().toString();
        Path asc = file.resolveSibling(name + ".asc");
        if (!Files.isRegularFile(asc)) {
            check(false, name + ": signature " + asc.getFileName() + " exists");
        } else {
            Process gpg = new ProcessBuilder("gpg", "--batch", "--verify", asc.toString(), file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = gpg.waitFor();
            check(code == 0 && out.contains("Good signature"), name + ": gpg --verify of its .asc: " + out.strip());
        }
        byte[] bytes = Files.readAllBytes(file);
        for (String[] algo : new String[][] {{"MD5", ".md5"}, {"SHA-1", ".sha1"}}) {
            Path sum = file.resolveSibling(name + algo[1]);
            if (!Files.isRegularFile(sum)) {
                check(false, name + ": checksum " + sum.getFileName() + " exists");
                continue;
            }
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance(algo[0]).digest(bytes));
            String written = Files.readString(sum).strip().split("\\s+")[0].toLowerCase();
            check(expected.equals(written), name + ": " + algo[1] + " is " + written + ", the file's is " + expected);
        }
    }

    private void checkReproduced(Path deployed, Path rebuilt) throws Exception {
        String name = deployed.getFileName().toString();
        if (!Files.isRegularFile(rebuilt)) {
            check(false, name + ": the second build made it too (" + rebuilt + ")");
            return;
        }
        String a = sha256(Files.readAllBytes(deployed));
        String b = sha256(Files.readAllBytes(rebuilt));
        check(a.equals(b), name + ": byte-identical in two builds (sha256 " + a + " vs " + b
                + "); compare the entries with: diff <(unzip -lv first.jar) <(unzip -lv second.jar)");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void checkPom(Path pom, Path group, String version) throws Exception {
        String artifactId = pom.getParent().getParent().getFileName().toString();
        String text = Files.readString(pom);
        check(!text.contains("SNAPSHOT"), artifactId + ": POM mentions no SNAPSHOT (a release may depend on releases only)");
        check(!text.contains("${revision}"), artifactId + ": POM has no unresolved ${revision}");
        Element project = parse(pom);
        check(!text(project, "name").isEmpty(), artifactId + ": POM has its own <name>");
        check(!text(project, "description").isEmpty(), artifactId + ": POM has its own <description>");
        String ownVersion = text(project, "version");
        Element parentRef = child(project, "parent");
        String effectiveVersion = ownVersion.isEmpty() && parentRef != null ? text(parentRef, "version") : ownVersion;
        check(version.equals(effectiveVersion), artifactId + ": POM version is " + version + " (found " + effectiveVersion + ")");

        // Central's required elements, from this POM or the first deployed ancestor that has them.
        List<Element> chain = new ArrayList<>();
        chain.add(project);
        while (parentRef != null) {
            String pid = text(parentRef, "artifactId");
            Path parentPom = group.resolve(pid).resolve(text(parentRef, "version")).resolve(pid + "-" + text(parentRef, "version") + ".pom");
            boolean ours = "dev.poolse".equals(text(parentRef, "groupId"));
            check(!ours || Files.isRegularFile(parentPom), artifactId + ": its parent " + pid + " is deployed with it");
            if (!ours || !Files.isRegularFile(parentPom)) {
                break;
            }
            Element parent = parse(parentPom);
            chain.add(parent);
            parentRef = child(parent, "parent");
        }
        for (String path : List.of("url", "licenses/license/name", "licenses/license/url", "developers/developer/name",
                "scm/url", "scm/connection", "issueManagement/url")) {
            boolean found = chain.stream().anyMatch(el -> !text(el, path).isEmpty());
            check(found, artifactId + ": POM (or its parent) has <" + path.replace("/", "><") + ">");
        }
    }

    private void checkJarContents(Path dir, String base, String artifactId) throws IOException {
        try (ZipFile jar = new ZipFile(dir.resolve(base + ".jar").toFile())) {
            check(jar.stream().anyMatch(en -> en.getName().endsWith(".class")), artifactId + ": jar holds classes");
        }
        try (ZipFile src = new ZipFile(dir.resolve(base + "-sources.jar").toFile())) {
            check(src.stream().anyMatch(en -> en.getName().endsWith(".java")), artifactId + ": sources jar holds .java files");
        }
        try (ZipFile doc = new ZipFile(dir.resolve(base + "-javadoc.jar").toFile())) {
            check(doc.getEntry("index.html") != null, artifactId + ": Javadoc jar has index.html");
            check(doc.stream().noneMatch(en -> en.getName().contains("/internal/")),
                    artifactId + ": Javadoc jar documents no internal package");
        }
    }

    /**
     * The SDK sends {@code poolse-java/<Poolse.VERSION>}, read from the resource the build filters;
     * a release must not send another number.
     */
    private void checkUserAgentVersion(Path jar, String version) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return; // already reported missing
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("dev/poolse/sdk/poolse-sdk.properties");
            String found = "(no dev/poolse/sdk/poolse-sdk.properties in the jar)";
            if (entry != null) {
                java.util.Properties p = new java.util.Properties();
                try (InputStream in = zip.getInputStream(entry)) {
                    p.load(in);
                }
                found = p.getProperty("version", "(no version key)");
            }
            check(version.equals(found), "poolse-sdk: Poolse.VERSION (the User-Agent's poolse-java/<version>) is "
                    + found + " but the release is " + version + "; it comes from the project version by resource filtering");
        }
    }

    /** Runtime dependencies an SBOM must list, per module; test-only ones it must not. */
    private static final Map<String, List<String>> SBOM_MUST_LIST = Map.of(
            "poolse-sdk", List.of("jackson-databind", "netty-codec-http", "feign-core", "slf4j-api"),
            "poolse-devserver", List.of("netty-codec-http", "jackson-databind"),
            "poolse-generated-client", List.of("feign-core", "jackson-databind"),
            "poolse-spring-boot-starter", List.of("poolse-sdk", "spring-boot-autoconfigure"));

    /** The attached CycloneDX SBOM names the module itself and its runtime dependencies, not test ones. */
    private void checkSbom(Path sbom, String artifactId, String version) throws IOException {
        if (!Files.isRegularFile(sbom)) {
            return; // already reported missing
        }
        String json = Files.readString(sbom);
        check(json.matches("(?s).*\"bomFormat\"\\s*:\\s*\"CycloneDX\".*"), artifactId + ": SBOM is a CycloneDX document");
        check(json.contains("pkg:maven/dev.poolse/" + artifactId + "@" + version),
                artifactId + ": SBOM describes " + artifactId + "@" + version);
        for (String dep : SBOM_MUST_LIST.getOrDefault(artifactId, List.of())) {
            check(json.contains("\"name\" : \"" + dep + "\"") || json.contains("\"name\":\"" + dep + "\""),
                    artifactId + ": SBOM lists the runtime dependency " + dep);
        }
        for (String testOnly : List.of("assertj-core", "awaitility", "mockwebserver")) {
            check(!json.contains("\"" + testOnly + "\""), artifactId + ": SBOM leaves out the test dependency " + testOnly);
        }
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(pom.toFile());
        return doc.getDocumentElement();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && el.getTagName().equals(name)) {
                return el;
            }
        }
        return null;
    }

    /** The text at a slash-separated path of first children, or "" when absent. */
    private static String text(Element from, String path) {
        Element el = from;
        for (String part : path.split("/")) {
            el = child(el, part);
            if (el == null) {
                return "";
            }
        }
        return el.getTextContent().strip();
    }
}
