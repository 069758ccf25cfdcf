package ${package}.orders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /orders}. */
public record NewOrder(
        @NotBlank @Size(max = 200) String item,
        @NotNull @Min(1) @Max(1000) Integer quantity) {}
