package ${package}.hello;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /hello?name=X} and {@code POST /hello {"name":"X"}}. */
@RestController
@RequestMapping("/hello")
public class HelloController {

    @GetMapping
    public Greeting greet(@RequestParam(defaultValue = "visitor") String name) {
        return Greeting.of(name);
    }

    @PostMapping
    public Greeting greet(@Valid @RequestBody HelloRequest request) {
        return Greeting.of(request.name());
    }

    public record HelloRequest(@NotBlank @Size(max = 100) String name) {}

    public record Greeting(String message) {
        static Greeting of(String name) {
            return new Greeting("hello, " + name + "!");
        }
    }
}
