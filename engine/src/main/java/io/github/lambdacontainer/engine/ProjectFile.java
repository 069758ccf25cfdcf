package io.github.lambdacontainer.engine;

/** One file of a generated project: its bytes, and whether it is executable (mvnw, scripts/*). */
public record ProjectFile(byte[] content, boolean executable) {
}
