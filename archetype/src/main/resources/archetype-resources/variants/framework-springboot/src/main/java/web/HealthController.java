package ${package}.web;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /}: the {@link Health} of every {@link HealthCheck} bean. */
@RestController
public class HealthController {

    private final List<HealthCheck> checks;

    public HealthController(List<HealthCheck> checks) {
        this.checks = checks;
    }

    @GetMapping("/")
    public ResponseEntity<Health> health() {
        Health health = Health.of(checks);
        return ResponseEntity.status(health.httpStatus()).body(health);
    }
}
