package dev.keelson.testkit.internal.prom;

import java.util.List;
import java.util.regex.Pattern;

/** The parsed form of a PromQL expression. */
sealed interface Expr {

  /** PromQL's value types, named as its error messages name them. */
  enum Type {
    SCALAR("scalar"), VECTOR("instant vector"), MATRIX("range vector"), STRING("string");

    private final String promName;

    Type(String promName) {
      this.promName = promName;
    }

    @Override
    public String toString() {
      return promName;
    }
  }

  Type type();

  record NumberLiteral(double value) implements Expr {
    @Override
    public Type type() {
      return Type.SCALAR;
    }
  }

  record StringLiteral(String value) implements Expr {
    @Override
    public Type type() {
      return Type.STRING;
    }
  }

  /** One label matcher: {@code =}, {@code !=}, {@code =~} or {@code !~}; regexes are anchored at both ends. */
  record Matcher(String name, String op, String value, Pattern pattern) {

    static Matcher of(String name, String op, String value) {
      Pattern p = op.endsWith("~") ? Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL) : null;
      return new Matcher(name, op, value, p);
    }

    boolean matches(String actual) {
      return switch (op) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        case "=~" -> pattern.matcher(actual).matches();
        default -> !pattern.matcher(actual).matches();
      };
    }

    /** Whether the matcher also matches the empty string, i.e. series without the label. */
    boolean matchesEmpty() {
      return matches("");
    }
  }

  record VectorSelector(List<Matcher> matchers) implements Expr {
    @Override
    public Type type() {
      return Type.VECTOR;
    }

    boolean matches(Labels labels) {
      for (Matcher m : matchers) {
        if (!m.matches(labels.get(m.name()))) {
          return false;
        }
      }
      return true;
    }

    /** The metric name when a matcher fixes it with {@code =}, else null: a hint for {@link SeriesSource}. */
    String metricName() {
      String name = null;
      for (Matcher m : matchers) {
        if (m.name().equals(Labels.NAME) && m.op().equals("=")) {
          name = m.value();
        }
      }
      return name;
    }
  }

  record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
    @Override
    public Type type() {
      return Type.MATRIX;
    }
  }

  record Call(Function function, List<Expr> args) implements Expr {
    @Override
    public Type type() {
      return function.returns();
    }
  }

  /**
   * {@code sum by (le) (x)} and friends.
   *
   * @param param the parameter of parameterised aggregations, or null
   * @param without whether {@code grouping} lists the labels to drop rather than those to keep
   */
  record Aggregate(String op, Expr param, Expr expr, List<String> grouping, boolean without) implements Expr {
    @Override
    public Type type() {
      return Type.VECTOR;
    }
  }

  record Negation(Expr expr) implements Expr {
    @Override
    public Type type() {
      return expr.type();
    }
  }

  /**
   * Vector matching of a binary operation between two vectors.
   *
   * @param on whether {@code labels} are the labels to match on ({@code on}) or those to ignore ({@code ignoring})
   */
  record Matching(boolean on, List<String> labels) {
    static final Matching DEFAULT = new Matching(false, List.of());
  }

  record Binary(String op, Expr lhs, Expr rhs, boolean returnBool, Matching matching) implements Expr {
    @Override
    public Type type() {
      return lhs.type() == Type.VECTOR || rhs.type() == Type.VECTOR ? Type.VECTOR : Type.SCALAR;
    }

    boolean isComparison() {
      return switch (op) {
        case "==", "!=", ">", "<", ">=", "<=" -> true;
        default -> false;
      };
    }

    boolean isSetOperator() {
      return op.equals("and") || op.equals("or") || op.equals("unless");
    }
  }
}
