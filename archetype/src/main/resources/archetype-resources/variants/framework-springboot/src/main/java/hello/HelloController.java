package ${package}.hello;

import jakarta.validation.Valid;
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
    public Greeting greet(@RequestParam(defaultValue = Greeting.DEFAULT_NAME) String name) {
        return Greeting.of(name);
    }

    @PostMapping
    public Greeting greet(@Valid @RequestBody HelloRequest request) {
        return Greeting.of(request.name());
    }
}
