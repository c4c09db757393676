package org.suptools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownTest {

    @Test
    void text_escapesWhatWouldBecomeEmphasisCodeOrHtml_andAListAtTheStart() {
        assertThat(Markdown.text("a *b* `c` <d> [e] f_g")).isEqualTo("a \\*b\\* \\`c\\` \\<d\\> \\[e\\] f\\_g");
        assertThat(Markdown.text("- not a list")).isEqualTo("\\- not a list");
        assertThat(Markdown.text("1. not a list")).isEqualTo("\\1. not a list");
    }

    @Test
    void code_holdingBackticks_usesALongerFence() {
        assertThat(Markdown.code("--out=X")).isEqualTo("`--out=X`");
        assertThat(Markdown.code("a `b`")).isEqualTo("`` a `b` ``");
        assertThat(Markdown.codeBlock("x\n```\ny")).isEqualTo("````\nx\n```\ny\n````\n");
    }

    @Test
    void cell_escapesPipesAndLineBreaks() {
        assertThat(Markdown.cell("`a|b`\nc")).isEqualTo("`a\\|b`<br>c");
    }

    @Test
    void anchor_isGitHubs() {
        assertThat(Markdown.anchor("sup-installer install")).isEqualTo("sup-installer-install");
        assertThat(Markdown.anchor("Exit codes: 0/1")).isEqualTo("exit-codes-01");
    }
}
