package dev.keelson.testkit.internal.prom;

/**
 * One lexical token of a PromQL query.
 *
 * @param kind what the token is
 * @param text the token as written (for strings: the unquoted, unescaped value)
 * @param offset where it starts in the query, 0-based
 */
record Token(Kind kind, String text, int offset) {

  enum Kind {
    IDENTIFIER, NUMBER, DURATION, STRING,
    LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET, LEFT_PAREN, RIGHT_PAREN, COMMA, COLON, AT,
    OPERATOR, END
  }

  boolean is(Kind k, String t) {
    return kind == k && text.equals(t);
  }

  boolean isOperator(String op) {
    return is(Kind.OPERATOR, op);
  }

  boolean isKeyword(String keyword) {
    return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
  }

  /** How a parse error names this token, as Prometheus does. */
  String describe() {
    return switch (kind) {
      case END -> "end of input";
      case STRING -> "string \"" + text + "\"";
      case NUMBER -> "number \"" + text + "\"";
      case DURATION -> "duration \"" + text + "\"";
      case IDENTIFIER -> "identifier \"" + text + "\"";
      default -> "\"" + text + "\"";
    };
  }
}
