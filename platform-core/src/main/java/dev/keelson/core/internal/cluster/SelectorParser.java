package dev.keelson.core.internal.cluster;

import dev.keelson.core.internal.cluster.Requirement.Operator;
import dev.keelson.core.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Kubernetes label selector syntax ({@code env=prod,region in (eu,us),!canary}) the way apimachinery's
 * {@code labels.Parse} reads it: equality ({@code =}, {@code ==}, {@code !=}), sets ({@code in}, {@code notin}) and
 * existence ({@code key}, {@code !key}), separated by commas, with keys and values checked as label syntax.
 *
 * <p>Errors are {@link IllegalArgumentException}s that quote the selector, give the 1-based column and say what was
 * expected there, e.g. {@code invalid label selector "env in (eu": at column 11: expected ',' or ')' but found end of
 * input}.
 */
public final class SelectorParser {

  private enum Kind { IDENTIFIER, NOT, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, OPEN, CLOSE, COMMA, GREATER, LESS, END }

  private record Token(Kind kind, String text, int position) {
    String describe() {
      return kind == Kind.END ? "end of input" : "'" + text + "'";
    }
  }

  private final String text;
  private final List<Token> tokens;
  private int next;

  private SelectorParser(String text) {
    this.text = text;
    this.tokens = lex(text);
  }

  /** The requirements of a selector, in written order; empty for a blank selector (which selects everything). */
  public static List<Requirement> parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("label selector must not be null; use \"\" to select everything");
    }
    return new SelectorParser(text).selector();
  }

  private List<Requirement> selector() {
    List<Requirement> out = new ArrayList<>();
    if (peek().kind() == Kind.END) {
      return out;
    }
    while (true) {
      out.add(requirement());
      Token t = take();
      if (t.kind() == Kind.END) {
        return out;
      }
      if (t.kind() != Kind.COMMA) {
        throw error(t, "',' or end of input");
      }
    }
  }

  private Requirement requirement() {
    Token t = take();
    if (t.kind() == Kind.NOT) {
      Token key = take();
      if (key.kind() != Kind.IDENTIFIER) {
        throw error(key, "a label key after '!'");
      }
      return Requirement.of(checkedKey(key), Operator.DOES_NOT_EXIST, List.of());
    }
    if (t.kind() != Kind.IDENTIFIER) {
      throw error(t, "a label key or '!'");
    }
    String key = checkedKey(t);
    Token op = peek();
    switch (op.kind()) {
      case END, COMMA -> {
        return Requirement.of(key, Operator.EXISTS, List.of());
      }
      case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
        take();
        Operator operator = op.kind() == Kind.NOT_EQUALS ? Operator.NOT_EQUALS : Operator.EQUALS;
        return Requirement.of(key, operator, List.of(exactValue()));
      }
      case IDENTIFIER -> {
        if (op.text().equals("in") || op.text().equals("notin")) {
          take();
          return Requirement.of(key, op.text().equals("in") ? Operator.IN : Operator.NOT_IN, setValues());
        }
        throw error(op, "one of '=', '==', '!=', 'in', 'notin', ',' or end of input");
      }
      default -> throw error(op, "one of '=', '==', '!=', 'in', 'notin', ',' or end of input");
    }
  }

  /** The value after {@code =} or {@code !=}; an empty value is allowed (it matches an empty label). */
  private String exactValue() {
    Token t = peek();
    if (t.kind() == Kind.END || t.kind() == Kind.COMMA) {
      return "";
    }
    if (t.kind() != Kind.IDENTIFIER) {
      throw error(t, "a label value");
    }
    take();
    return checkedValue(t);
  }

  private List<String> setValues() {
    Token open = take();
    if (open.kind() != Kind.OPEN) {
      throw error(open, "'(' to start the list of values");
    }
    List<String> values = new ArrayList<>();
    while (true) {
      Token value = take();
      if (value.kind() != Kind.IDENTIFIER) {
        throw error(value, values.isEmpty() ? "a label value (a set needs at least one)" : "a label value");
      }
      values.add(checkedValue(value));
      Token sep = take();
      if (sep.kind() == Kind.CLOSE) {
        return values;
      }
      if (sep.kind() != Kind.COMMA) {
        throw error(sep, "',' or ')'");
      }
    }
  }

  private String checkedKey(Token t) {
    List<String> problems = Names.qualifiedName(t.text());
    if (!problems.isEmpty()) {
      throw fail(t.position(), "invalid label key " + t.describe() + ": " + String.join("; ", problems));
    }
    return t.text();
  }

  private String checkedValue(Token t) {
    List<String> problems = Names.labelValue(t.text());
    if (!problems.isEmpty()) {
      throw fail(t.position(), "invalid label value " + t.describe() + ": " + String.join("; ", problems));
    }
    return t.text();
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.END) {
      next++;
    }
    return t;
  }

  private IllegalArgumentException error(Token found, String expected) {
    return fail(found.position(), "expected " + expected + " but found " + found.describe());
  }

  private IllegalArgumentException fail(int position, String message) {
    return new IllegalArgumentException("invalid label selector \"" + text + "\": at column " + (position + 1) + ": "
        + message);
  }

  private static boolean isSpecial(char c) {
    return c == '!' || c == '=' || c == '(' || c == ')' || c == ',' || c == '<' || c == '>';
  }

  private static List<Token> lex(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean twoChar = i + 1 < text.length() && text.charAt(i + 1) == '=';
      Kind kind = switch (c) {
        case '!' -> twoChar ? Kind.NOT_EQUALS : Kind.NOT;
        case '=' -> twoChar ? Kind.DOUBLE_EQUALS : Kind.EQUALS;
        case '(' -> Kind.OPEN;
        case ')' -> Kind.CLOSE;
        case ',' -> Kind.COMMA;
        case '<' -> Kind.LESS;
        case '>' -> Kind.GREATER;
        default -> Kind.IDENTIFIER;
      };
      int end = i + 1;
      if (kind == Kind.IDENTIFIER) {
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && !isSpecial(text.charAt(end))) {
          end++;
        }
      } else if ((kind == Kind.NOT_EQUALS || kind == Kind.DOUBLE_EQUALS)) {
        end = i + 2;
      }
      out.add(new Token(kind, text.substring(i, end), i));
      i = end;
    }
    out.add(new Token(Kind.END, "", text.length()));
    return out;
  }
}
