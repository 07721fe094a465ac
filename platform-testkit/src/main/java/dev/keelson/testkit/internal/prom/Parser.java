package dev.keelson.testkit.internal.prom;

import dev.keelson.testkit.internal.prom.Expr.Aggregate;
import dev.keelson.testkit.internal.prom.Expr.Binary;
import dev.keelson.testkit.internal.prom.Expr.Call;
import dev.keelson.testkit.internal.prom.Expr.Matcher;
import dev.keelson.testkit.internal.prom.Expr.Matching;
import dev.keelson.testkit.internal.prom.Expr.MatrixSelector;
import dev.keelson.testkit.internal.prom.Expr.Negation;
import dev.keelson.testkit.internal.prom.Expr.NumberLiteral;
import dev.keelson.testkit.internal.prom.Expr.StringLiteral;
import dev.keelson.testkit.internal.prom.Expr.Type;
import dev.keelson.testkit.internal.prom.Expr.VectorSelector;
import dev.keelson.testkit.internal.prom.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * A recursive-descent PromQL parser with Prometheus' operator precedence ({@code or} &lt; {@code and unless} &lt;
 * comparisons &lt; {@code + -} &lt; {@code * / %} &lt; {@code ^}), type-checking as it goes. What the simulation
 * does not support is refused with a message naming it.
 */
public final class Parser {

  private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count", "group");
  private static final Set<String> UNSUPPORTED_AGGREGATIONS = Set.of("topk", "bottomk", "quantile", "stddev",
      "stdvar", "count_values", "limitk", "limit_ratio");
  private static final List<Set<String>> PRECEDENCE = List.of(Set.of("or"), Set.of("and", "unless"),
      Set.of("==", "!=", ">", "<", ">=", "<="), Set.of("+", "-"), Set.of("*", "/", "%", "atan2"), Set.of("^"));

  private final List<Token> tokens;
  /** Where each parsed expression starts, for error positions as Prometheus reports them. */
  private final Map<Expr, Integer> starts = new IdentityHashMap<>();
  private int pos;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses a query; {@link PromQlException} ({@code bad_data}) when it is malformed or not supported. */
  public static Expr parse(String query) {
    Parser p = new Parser(Lexer.tokenize(query));
    if (p.peek().kind() == Kind.END) {
      throw PromQlException.parse(0, "no expression found in input");
    }
    Expr e = p.expression(0);
    if (p.peek().kind() != Kind.END) {
      throw p.unexpected("");
    }
    return e;
  }

  /**
   * Parses a series selector as the HTTP API's {@code match[]} takes it ({@code name}, {@code name{...}} or
   * {@code {...}}), worded as Prometheus' {@code ParseMetricSelector}. Unlike in a query, a selector whose
   * matchers all match the empty string parses: the API refuses it with its own message.
   */
  static VectorSelector parseSelector(String input) {
    Parser p = new Parser(Lexer.tokenize(input));
    String name = p.peek().kind() == Kind.IDENTIFIER ? p.next().text() : null;
    List<Matcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(Matcher.of(Labels.NAME, "=", name));
    }
    if (p.peek().kind() == Kind.LEFT_BRACE) {
      p.next();
      matchers.addAll(p.matchers());
    } else if (name == null) {
      throw p.unexpected("");
    }
    if (p.peek().kind() != Kind.END) {
      throw p.unexpected("");
    }
    return new VectorSelector(List.copyOf(matchers));
  }

  // ---- binary operators, by precedence ----

  private Expr expression(int level) {
    if (level == PRECEDENCE.size()) {
      return unary();
    }
    int start = peek().offset();
    Expr lhs = expression(level + 1);
    while (isBinaryOperator(peek(), PRECEDENCE.get(level))) {
      Token op = next();
      String operator = op.text().toLowerCase(Locale.ROOT);
      boolean returnBool = false;
      if (peek().isKeyword("bool")) {
        next();
        returnBool = true;
      }
      Matching matching = matching();
      // '^' is right-associative: its right operand may itself be a '^' chain.
      Expr rhs = operator.equals("^") ? expression(level) : expression(level + 1);
      lhs = at(start, binary(start, op, operator, lhs, rhs, returnBool, matching));
      if (operator.equals("^")) {
        return lhs;
      }
    }
    return lhs;
  }

  private static boolean isBinaryOperator(Token t, Set<String> ops) {
    return t.kind() == Kind.OPERATOR && ops.contains(t.text())
        || t.kind() == Kind.IDENTIFIER && ops.contains(t.text().toLowerCase(Locale.ROOT));
  }

  private Matching matching() {
    Matching matching = Matching.DEFAULT;
    if (peek().isKeyword("on") || peek().isKeyword("ignoring")) {
      boolean on = next().isKeyword("on");
      matching = new Matching(on, labelList());
    }
    if (peek().isKeyword("group_left") || peek().isKeyword("group_right")) {
      throw unsupported(peek(), "many-to-one matching (" + peek().text() + ")");
    }
    return matching;
  }

  private Binary binary(int start, Token at, String op, Expr lhs, Expr rhs, boolean returnBool,
      Matching matching) {
    for (Expr side : List.of(lhs, rhs)) {
      if (side.type() != Type.SCALAR && side.type() != Type.VECTOR) {
        throw PromQlException.parse(start, "binary expression must contain only scalar and instant vector types");
      }
    }
    Binary b = new Binary(op, lhs, rhs, returnBool, matching);
    boolean vectors = lhs.type() == Type.VECTOR && rhs.type() == Type.VECTOR;
    if (returnBool && !b.isComparison()) {
      throw PromQlException.parse(at.offset(), "bool modifier can only be used on comparison operators");
    }
    if (b.isComparison() && !returnBool && !vectors && lhs.type() == Type.SCALAR && rhs.type() == Type.SCALAR) {
      throw PromQlException.parse(at.offset(), "comparisons between scalars must use BOOL modifier");
    }
    if (b.isSetOperator() && !vectors) {
      throw PromQlException.parse(at.offset(), "set operator \"" + op + "\" not allowed in binary scalar expression");
    }
    if (matching != Matching.DEFAULT && !vectors) {
      throw PromQlException.parse(at.offset(), "vector matching only allowed between instant vectors");
    }
    if (op.equals("atan2")) {
      throw unsupported(at, "the atan2 operator");
    }
    return b;
  }

  // ---- unary and postfix ----

  private Expr unary() {
    Token t = peek();
    if (t.isOperator("-") || t.isOperator("+")) {
      next();
      Expr inner = unary();
      if (inner.type() != Type.SCALAR && inner.type() != Type.VECTOR) {
        throw PromQlException.parse(t.offset(), "unary expression only allowed on expressions of type scalar or "
            + "instant vector, got \"" + inner.type() + "\"");
      }
      if (t.isOperator("+")) {
        return inner;
      }
      return at(t.offset(), inner instanceof NumberLiteral n ? new NumberLiteral(-n.value()) : new Negation(inner));
    }
    boolean parenthesised = t.kind() == Kind.LEFT_PAREN;
    return at(t.offset(), postfix(at(t.offset(), primary()), parenthesised));
  }

  /** Records where an expression starts, unless known already (a parenthesised one starts at its parenthesis). */
  private Expr at(int offset, Expr e) {
    starts.putIfAbsent(e, offset);
    return e;
  }

  private int startOf(Expr e) {
    return starts.getOrDefault(e, 0);
  }

  private Expr postfix(Expr e, boolean parenthesised) {
    Token t = peek();
    if (t.kind() == Kind.LEFT_BRACKET) {
      next();
      Token range = next();
      if (range.kind() != Kind.DURATION) {
        throw PromQlException.parse(range.offset(), "bad duration syntax: " + range.describe());
      }
      if (peek().kind() == Kind.COLON) {
        throw unsupported(peek(), "subqueries ([range:resolution])");
      }
      expect(Kind.RIGHT_BRACKET, "\"]\"");
      if (parenthesised || !(e instanceof VectorSelector vs)) {
        throw PromQlException.parse(t.offset(), "ranges only allowed for vector selectors");
      }
      long millis = Durations.parse(range.text(), range.offset());
      if (millis <= 0) {
        throw PromQlException.parse(range.offset(), "range must be positive, got " + range.text());
      }
      e = new MatrixSelector(vs, millis);
      t = peek();
    }
    if (t.isKeyword("offset")) {
      throw unsupported(t, "the offset modifier");
    }
    if (t.kind() == Kind.AT) {
      throw unsupported(t, "the @ modifier");
    }
    return e;
  }

  private Expr primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return new NumberLiteral(number(t));
      case STRING:
        return new StringLiteral(t.text());
      case LEFT_PAREN: {
        Expr inner = expression(0);
        expect(Kind.RIGHT_PAREN, "\")\"");
        return inner;
      }
      case LEFT_BRACE:
        return selector(null, t);
      case IDENTIFIER:
        return identifier(t);
      default:
        pos--;
        throw unexpected("");
    }
  }

  private Expr identifier(Token t) {
    String word = t.text();
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.equals("inf") || lower.equals("nan")) {
      return new NumberLiteral(lower.equals("inf") ? Double.POSITIVE_INFINITY : Double.NaN);
    }
    Token after = peek();
    boolean opensCall = after.kind() == Kind.LEFT_PAREN || after.isKeyword("by") || after.isKeyword("without");
    if (opensCall && UNSUPPORTED_AGGREGATIONS.contains(lower)) {
      throw unsupported(t, "the aggregation \"" + word + "\"");
    }
    if (opensCall && AGGREGATIONS.contains(lower)) {
      return aggregate(t, lower);
    }
    if (after.kind() == Kind.LEFT_PAREN) {
      return call(t);
    }
    if (after.kind() == Kind.LEFT_BRACE) {
      next();
      return selector(word, t);
    }
    return vectorSelector(word, List.of(), t);
  }

  private Expr call(Token name) {
    Function f = Function.byName(name.text()).orElseThrow(() -> Function.isPrometheusFunction(name.text())
        ? unsupported(name, "the function \"" + name.text() + "\" (supported: " + Function.supportedNames() + ")")
        : PromQlException.parse(name.offset(), "unknown function with name \"" + name.text() + "\""));
    expect(Kind.LEFT_PAREN, "\"(\"");
    List<Expr> args = new ArrayList<>();
    if (peek().kind() != Kind.RIGHT_PAREN) {
      args.add(expression(0));
      while (peek().kind() == Kind.COMMA) {
        next();
        args.add(expression(0));
      }
    }
    expect(Kind.RIGHT_PAREN, "\")\"");
    if (args.size() != f.args().size()) {
      throw PromQlException.parse(name.offset(), "expected " + f.args().size() + " argument(s) in call to \""
          + f.promName() + "\", got " + args.size());
    }
    for (int i = 0; i < args.size(); i++) {
      checkType(f.args().get(i), args.get(i), "call to function \"" + f.promName() + "\"");
    }
    return new Call(f, args);
  }

  private Expr aggregate(Token name, String op) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    if (peek().isKeyword("by") || peek().isKeyword("without")) {
      without = next().isKeyword("without");
      grouping = labelList();
      grouped = true;
    }
    expect(Kind.LEFT_PAREN, "\"(\"");
    Expr expr = expression(0);
    if (peek().kind() == Kind.COMMA) {
      throw PromQlException.parse(peek().offset(), "aggregation \"" + op + "\" takes no parameter");
    }
    expect(Kind.RIGHT_PAREN, "\")\"");
    if (peek().isKeyword("by") || peek().isKeyword("without")) {
      if (grouped) {
        throw PromQlException.parse(peek().offset(), "aggregation must only contain one grouping clause");
      }
      without = next().isKeyword("without");
      grouping = labelList();
    }
    checkType(Type.VECTOR, expr, "aggregation expression");
    return new Aggregate(op, null, expr, grouping, without);
  }

  private List<String> labelList() {
    expect(Kind.LEFT_PAREN, "\"(\"");
    List<String> labels = new ArrayList<>();
    while (peek().kind() != Kind.RIGHT_PAREN) {
      labels.add(label("grouping opts").text());
      separator(Kind.RIGHT_PAREN, "grouping opts");
    }
    next();
    return List.copyOf(labels);
  }

  private Token label(String context) {
    Token label = next();
    if (label.kind() != Kind.IDENTIFIER) {
      throw PromQlException.parse(label.offset(), "unexpected " + label.describe() + " in " + context
          + ", expected label");
    }
    return label;
  }

  /** After an item of a list: a comma and more, or the closing token (left for the caller). */
  private void separator(Kind close, String context) {
    if (peek().kind() == Kind.COMMA) {
      next();
    } else if (peek().kind() != close) {
      throw PromQlException.parse(peek().offset(), "unexpected " + peek().describe() + " in " + context
          + ", expected " + (close == Kind.RIGHT_PAREN ? "\")\"" : "\"}\"") + " or \",\"");
    }
  }

  /** {@code name{matchers}} or {@code {matchers}}; the opening brace has been consumed. */
  private Expr selector(String name, Token start) {
    return vectorSelector(name, matchers(), start);
  }

  /** The matchers between braces, the opening one consumed, up to and including the closing one. */
  private List<Matcher> matchers() {
    List<Matcher> matchers = new ArrayList<>();
    while (insideBraces().kind() != Kind.RIGHT_BRACE) {
      Token label = label("label matching");
      insideBraces();
      Token op = next();
      if (op.kind() != Kind.OPERATOR || !Set.of("=", "!=", "=~", "!~").contains(op.text())) {
        throw PromQlException.parse(op.offset(), "unexpected " + op.describe() + " in label matching, expected "
            + "label matching operator");
      }
      insideBraces();
      Token value = next();
      if (value.kind() != Kind.STRING) {
        throw PromQlException.parse(value.offset(), "unexpected " + value.describe() + " in label matching, "
            + "expected string");
      }
      try {
        matchers.add(Matcher.of(label.text(), op.text(), value.text()));
      } catch (PatternSyntaxException e) {
        throw PromQlException.parse(value.offset(), "invalid regular expression \"" + value.text() + "\": "
            + e.getDescription());
      }
      insideBraces();
      separator(Kind.RIGHT_BRACE, "label matching");
    }
    next();
    return matchers;
  }

  /** The next token, which must not be the end: Prometheus' lexer refuses a query that ends inside braces. */
  private Token insideBraces() {
    if (peek().kind() == Kind.END) {
      throw PromQlException.parse(peek().offset(), "unexpected end of input inside braces");
    }
    return peek();
  }

  private Expr vectorSelector(String name, List<Matcher> matchers, Token start) {
    List<Matcher> all = new ArrayList<>();
    if (name != null) {
      if (matchers.stream().anyMatch(m -> m.name().equals(Labels.NAME))) {
        throw PromQlException.parse(start.offset(), "metric name must not be set twice: \"" + name + "\"");
      }
      all.add(Matcher.of(Labels.NAME, "=", name));
    }
    all.addAll(matchers);
    if (all.stream().allMatch(Matcher::matchesEmpty)) {
      throw PromQlException.parse(start.offset(), "vector selector must contain at least one non-empty matcher");
    }
    return new VectorSelector(List.copyOf(all));
  }

  // ---- helpers ----

  private void checkType(Type expected, Expr actual, String context) {
    if (actual.type() != expected) {
      throw PromQlException.parse(startOf(actual), "expected type " + expected + " in " + context + ", got "
          + actual.type());
    }
  }

  private static double number(Token t) {
    String s = t.text();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseLong(s.substring(2), 16);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw PromQlException.parse(t.offset(), "bad number or duration syntax: \"" + s + "\"");
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.END) {
      pos++;
    }
    return t;
  }

  private void expect(Kind kind, String what) {
    if (kind == Kind.RIGHT_PAREN && peek().kind() == Kind.END) {
      throw PromQlException.parse(peek().offset(), "unclosed left parenthesis");
    }
    if (peek().kind() != kind) {
      throw unexpected(", expected " + what);
    }
    next();
  }

  private PromQlException unexpected(String expectation) {
    Token t = peek();
    return PromQlException.parse(t.offset(), "unexpected " + t.describe() + expectation);
  }

  private static PromQlException unsupported(Token at, String what) {
    return PromQlException.parse(at.offset(), what + " is not supported by the simulated Prometheus");
  }
}
