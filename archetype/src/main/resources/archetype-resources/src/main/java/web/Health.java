package ${package}.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of the health route {@code GET /}: UP when every check is up (200), else DOWN (503). */
public record Health(String status, Map<String, String> checks) {

    public static Health of(List<? extends HealthCheck> checks) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            boolean checkUp = check.isUp();
            results.put(check.name(), checkUp ? "UP" : "DOWN");
            up &= checkUp;
        }
        return new Health(up ? "UP" : "DOWN", results);
    }

    public int httpStatus() {
        return "UP".equals(status) ? 200 : 503;
    }
}
