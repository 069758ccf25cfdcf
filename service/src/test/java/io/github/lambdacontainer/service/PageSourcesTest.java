package io.github.lambdacontainer.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lambdacontainer.engine.Archetype;
import io.github.lambdacontainer.engine.Option;
import io.github.lambdacontainer.engine.RefusedCombination;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page states no option: none of the archetype's option names, nor any allowed value or reason,
 * appears in its sources. So an option added to the archetype appears on the page by itself (the browser
 * test then sees each option's control, made from /metadata).
 */
class PageSourcesTest {

    private static final List<String> PAGE_FILES = List.of("index.html", "app.js", "style.css");

    @Test
    void thePageNamesNoOptionNorValue() throws Exception {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String file : PAGE_FILES) {
            try (InputStream in = GeneratorHandler.class.getResourceAsStream("page/" + file)) {
                assertTrue(in != null, "page/" + file);
                sources.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        List<String> found = new ArrayList<>();
        try (Archetype archetype = Archetype.open(GeneratorService.archetypeOnClassPath())) {
            assertFalse(archetype.metadata().options().isEmpty());
            List<String> stated = new ArrayList<>();
            for (Option option : archetype.metadata().options()) {
                stated.add(option.name());
                // Values that are words of their own (framework names, not true/false or numbers).
                option.allowedValues().stream().filter(value -> value.length() > 5 && !value.matches("\\d+")).forEach(stated::add);
            }
            for (RefusedCombination combination : archetype.metadata().refusedCombinations()) {
                stated.add(combination.reason());
            }
            for (String name : stated) {
                Pattern word = Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])");
                sources.forEach((file, text) -> {
                    if (word.matcher(text).find()) {
                        found.add(name + " in " + file);
                    }
                });
            }
        }
        assertEquals(List.of(), found, "the page must take every option from /metadata, not state it");
    }

}
