package dev.poolse.docs;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.util.DocTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import jdk.javadoc.doclet.Doclet;
import jdk.javadoc.doclet.DocletEnvironment;
import jdk.javadoc.doclet.Reporter;
import jdk.javadoc.doclet.StandardDoclet;

/**
 * The standard doclet (so {@code -Xdoclint} runs as usual), plus the check doclint lacks: every
 * documented package, type, constructor, method, field and enum constant has a summary sentence,
 * so no summary column of the generated pages is empty. Javadoc only fills such a column from the
 * comment's first sentence: a comment made of block tags alone ({@code /** @return x *}{@code /})
 * leaves it empty, and doclint does not report that.
 *
 * <p>Exempt, because Javadoc fills them itself: methods marked {@code @Override} (the overridden
 * method's comment is inherited) and record accessors without their own comment (documented by
 * the record's {@code @param}). Each finding is reported as a Javadoc error, so the run fails.
 */
public final class SummaryDoclet implements Doclet {

    private final StandardDoclet standard = new StandardDoclet();
    private Reporter reporter;
    private final List<String> findings = new ArrayList<>();

    @Override
    public void init(Locale locale, Reporter reporter) {
        this.reporter = reporter;
        standard.init(locale, reporter);
    }

    @Override
    public String getName() {
        return "SummaryDoclet";
    }

    @Override
    public Set<? extends Option> getSupportedOptions() {
        return standard.getSupportedOptions();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return standard.getSupportedSourceVersion();
    }

    @Override
    public boolean run(DocletEnvironment env) {
        {
            DocTrees trees = env.getDocTrees();
            Elements elements = env.getElementUtils();
            for (Element e : env.getIncludedElements()) {
                if (e instanceof PackageElement || e instanceof TypeElement) {
                    check(e, trees, env);
                }
                if (e instanceof TypeElement type) {
                    for (Element member : type.getEnclosedElements()) {
                        if (env.isIncluded(member) && !(member instanceof TypeElement) && !exempt(member, trees, elements)) {
                            check(member, trees, env);
                        }
                    }
                }
            }
            boolean documented = standard.run(env);
            return documented && findings.isEmpty();
        }
    }

    private void check(Element e, DocTrees trees, DocletEnvironment env) {
        DocCommentTree comment = trees.getDocCommentTree(e);
        if (comment == null || comment.getFirstSentence().isEmpty()
                || comment.getFirstSentence().toString().isBlank()) {
            String what = e.getKind().toString().toLowerCase(Locale.ROOT).replace('_', ' ');
            String finding = "no summary sentence: " + what + " " + name(e);
            findings.add(finding);
            reporter.print(javax.tools.Diagnostic.Kind.ERROR, e, finding);
        }
    }

    private static boolean exempt(Element member, DocTrees trees, Elements elements) {
        if (elements.getOrigin(member) != Elements.Origin.EXPLICIT || trees.getPath(member) == null
                || member.getKind() == ElementKind.RECORD_COMPONENT) {
            // implicit (enum values()/valueOf(), default constructors, record members) or a record
            // component, which the record's @param documents
            return true;
        }
        if (member.getKind() == ElementKind.METHOD
                && member.getAnnotationMirrors().stream()
                        .anyMatch(a -> a.getAnnotationType().toString().equals("java.lang.Override"))) {
            return true;
        }
        if (member instanceof ExecutableElement method && member.getEnclosingElement().getKind() == ElementKind.RECORD
                && method.getParameters().isEmpty() && trees.getDocCommentTree(member) == null) {
            return member.getEnclosingElement().getEnclosedElements().stream()
                    .anyMatch(c -> c.getKind() == ElementKind.RECORD_COMPONENT
                            && c.getSimpleName().equals(member.getSimpleName()));
        }
        return false;
    }

    private static String name(Element e) {
        if (e instanceof PackageElement p) {
            return p.getQualifiedName().toString();
        }
        if (e instanceof TypeElement t) {
            return t.getQualifiedName().toString();
        }
        return name(e.getEnclosingElement()) + "#" + e;
    }
}
