/** The {@code keelson} command-line tool ({@code java -jar examples/target/keelson.jar}). */
package dev.keelson.examples.cli;
