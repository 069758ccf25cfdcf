package ${package}.hello;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /hello}. */
public record HelloRequest(@NotBlank @Size(max = 100) String name) {}
