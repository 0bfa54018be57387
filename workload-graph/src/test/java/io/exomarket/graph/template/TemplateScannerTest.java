package io.exomarket.graph.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.exomarket.graph.template.TemplateScanner.Expression;
import io.exomarket.graph.template.TemplateScanner.Text;
import org.junit.jupiter.api.Test;

class TemplateScannerTest {

  @Test
  void textAndExpressions() throws Exception {
    assertThat(TemplateScanner.split("plain")).containsExactly(new Text("plain"));
    assertThat(TemplateScanner.split("${a.b}")).containsExactly(new Expression("a.b"));
    assertThat(TemplateScanner.split("x-${ a }-${b}"))
        .containsExactly(new Text("x-"), new Expression("a"), new Text("-"), new Expression("b"));
    assertThat(TemplateScanner.split("$ {not} and $x")).containsExactly(new Text("$ {not} and $x"));
  }

  @Test
  void bracesOfMapsAndInsideStringsDoNotCloseTheExpression() throws Exception {
    assertThat(TemplateScanner.split("${ {\"a\": {\"b\": 1}}.a }!"))
        .containsExactly(new Expression("{\"a\": {\"b\": 1}}.a"), new Text("!"));
    assertThat(TemplateScanner.split("${'}' + \"${x}\"}"))
        .containsExactly(new Expression("'}' + \"${x}\""));
    assertThat(TemplateScanner.split("${\"a\\\"}\" + 'b\\'}'}"))
        .containsExactly(new Expression("\"a\\\"}\" + 'b\\'}'"));
    assertThat(TemplateScanner.split("${'''multi ' } line'''}"))
        .containsExactly(new Expression("'''multi ' } line'''"));
    assertThat(TemplateScanner.split("${r'\\'}"))
        .as("a raw string ends at the quote")
        .containsExactly(new Expression("r'\\'"));
    assertThat(TemplateScanner.split("${a // comment }\n + b}"))
        .containsExactly(new Expression("a // comment }\n + b"));
  }

  @Test
  void unbalancedDelimitersAreErrors() {
    assertThatThrownBy(() -> TemplateScanner.split("x ${a.b"))
        .hasMessage("unterminated ${ at offset 2");
    assertThatThrownBy(() -> TemplateScanner.split("${'open}"))
        .hasMessageContaining("unterminated string literal");
  }
}
