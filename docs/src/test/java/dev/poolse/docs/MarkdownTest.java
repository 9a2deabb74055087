package dev.poolse.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    private final Markdown markdown = new Markdown();

    @Test
    void headingsGetSlugIdsThatStayUniqueWithinAPage() {
        String html = markdown.toHtml("## Retry budget\n\ntext\n\n## Retry budget\n");

        assertThat(html).contains("<h2 id=\"retry-budget\">", "<h2 id=\"retry-budget-2\">");
    }

    @Test
    void rawHtmlInTheSourceIsEscaped() {
        assertThat(markdown.toHtml("a <script>alert(1)</script> b")).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void tablesAreRendered() {
        assertThat(markdown.toHtml("| a | b |\n|---|---|\n| 1 | 2 |\n")).contains("<table>", "<td>1</td>");
    }

    @Test
    void blankDescriptionsRenderAsNothing() {
        assertThat(markdown.toHtml(null)).isEmpty();
        assertThat(markdown.toHtml("  ")).isEmpty();
    }

    @Test
    void firstParagraphTextKeepsWordsApartAcrossLineBreaks() {
        assertThat(Markdown.firstParagraph(markdown.parse("# T\n\nthe API\nkey and `code`\n\nsecond"))).isEqualTo("the API key and code");
    }
}
