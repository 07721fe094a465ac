package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits a PromQL query into tokens: identifiers, numbers, durations, strings, punctuation and operators. */
final class Lexer {

  private static final String[] OPERATORS = {"==", "!=", ">=", "<=", "=~", "!~", "+", "-", "*", "/", "%", "^",
      ">", "<", "="};

  private final String input;
  private int pos;

  private Lexer(String input) {
    this.input = input;
  }

  static List<Token> tokenize(String query) {
    return new Lexer(query).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (pos >= input.length()) {
        tokens.add(new Token(Kind.END, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipSpaceAndComments() {
    while (pos < input.length()) {
      char c = input.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < input.length() && input.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private Token next() {
    int start = pos;
    char c = input.charAt(pos);
    Kind punctuation = switch (c) {
      case '{' -> Kind.LEFT_BRACE;
      case '}' -> Kind.RIGHT_BRACE;
      case '[' -> Kind.LEFT_BRACKET;
      case ']' -> Kind.RIGHT_BRACKET;
      case '(' -> Kind.LEFT_PAREN;
      case ')' -> Kind.RIGHT_PAREN;
      case ',' -> Kind.COMMA;
      case ':' -> Kind.COLON;
      case '@' -> Kind.AT;
      default -> null;
    };
    if (punctuation != null) {
      pos++;
      return new Token(punctuation, String.valueOf(c), start);
    }
    if (c == '"' || c == '\'' || c == '`') {
      return string(c);
    }
    if (Character.isDigit(c) || c == '.' && pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
      return numberOrDuration();
    }
    if (isIdentifierStart(c)) {
      while (pos < input.length() && (isIdentifierStart(input.charAt(pos)) || Character.isDigit(input.charAt(pos))
          || input.charAt(pos) == ':')) {
        pos++;
      }
      return new Token(Kind.IDENTIFIER, input.substring(start, pos), start);
    }
    for (String op : OPERATORS) {
      if (input.startsWith(op, pos)) {
        pos += op.length();
        return new Token(Kind.OPERATOR, op, start);
      }
    }
    throw PromQlException.parse(start, "unexpected character: '" + c + "'");
  }

  private static boolean isIdentifierStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  private Token numberOrDuration() {
    int start = pos;
    if (input.startsWith("0x", pos) || input.startsWith("0X", pos)) {
      pos += 2;
      while (pos < input.length() && Character.digit(input.charAt(pos), 16) >= 0) {
        pos++;
      }
      return new Token(Kind.NUMBER, input.substring(start, pos), start);
    }
    while (pos < input.length() && (Character.isDigit(input.charAt(pos)) || input.charAt(pos) == '.')) {
      pos++;
    }
    if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
      int save = pos;
      pos++;
      if (pos < input.length() && (input.charAt(pos) == '+' || input.charAt(pos) == '-')) {
        pos++;
      }
      if (pos < input.length() && Character.isDigit(input.charAt(pos))) {
        while (pos < input.length() && Character.isDigit(input.charAt(pos))) {
          pos++;
        }
      } else {
        pos = save;
      }
    }
    if (pos < input.length() && Character.isLetter(input.charAt(pos))) {
      // A duration: digits and units, e.g. 5m, 1h30m, 500ms.
      while (pos < input.length() && Character.isLetterOrDigit(input.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.DURATION, input.substring(start, pos), start);
    }
    return new Token(Kind.NUMBER, input.substring(start, pos), start);
  }

  private Token string(char quote) {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == quote) {
        return new Token(Kind.STRING, value.toString(), start);
      }
      if (c == '\\' && quote != '`' && pos < input.length()) {
        char e = input.charAt(pos++);
        switch (e) {
          case 'n' -> value.append('\n');
          case 't' -> value.append('\t');
          case 'r' -> value.append('\r');
          case '\\', '"', '\'' -> value.append(e);
          default -> {
            // Go's strconv.Unquote keeps other escapes for regexes only via "\\"; we pass them through.
            value.append('\\').append(e);
          }
        }
      } else {
        value.append(c);
      }
    }
    throw PromQlException.parse(start, "unterminated quoted string " + quote);
  }
}
