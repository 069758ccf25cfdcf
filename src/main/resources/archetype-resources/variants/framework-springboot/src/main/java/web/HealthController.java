package ${package}.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /}: 200 and status UP when every dependency answers, else 503 and DOWN. */
@RestController
public class HealthController {

    private final List<HealthCheck> checks;

    public HealthController(List<HealthCheck> checks) {
        this.checks = checks;
    }

    @GetMapping("/")
    public ResponseEntity<Health> health() {
        Map<String, String> results = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            boolean checkUp = check.isUp();
            results.put(check.name(), checkUp ? "UP" : "DOWN");
            up &= checkUp;
        }
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(new Health(up ? "UP" : "DOWN", results));
    }

    public record Health(String status, Map<String, String> checks) {}
}
