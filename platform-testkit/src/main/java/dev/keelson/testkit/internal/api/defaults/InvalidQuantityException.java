package dev.keelson.testkit.internal.api.defaults;

/**
 * A write carried a value that is not a quantity where the schema has one: the error {@code resource.ParseQuantity}
 * returns while the API server decodes the object. The API server turns it into the answer of the write's path
 * (decode error, patch error or apply error).
 */
public final class InvalidQuantityException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidQuantityException(String message) {
    super(message);
  }
}
