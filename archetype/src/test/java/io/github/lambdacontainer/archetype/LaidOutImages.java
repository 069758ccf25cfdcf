package io.github.lambdacontainer.archetype;

import io.github.lambdacontainer.archetype.contract.FunctionImage;
import io.github.lambdacontainer.archetype.contract.expectation.Expectation;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generated projects' deployed images, each laid out (its training RUN replayed, the slow part)
 * once for all the cases a test class starts from it; close it after the class.
 */
final class LaidOutImages implements AutoCloseable {

    private final Path logDirectory;
    private final Map<String, FunctionImage> images = new ConcurrentHashMap<>();

    /** @param logDirectory where each variant's processes write their output, under its name */
    LaidOutImages(Path logDirectory) {
        this.logDirectory = logDirectory;
    }

    /** The variant's image of the function behind the API. */
    FunctionImage of(GeneratedVariant variant) {
        return of(variant, Expectation.Source.API_GATEWAY);
    }

    /** The variant's image of the function that {@code serves} API Gateway or SQS. */
    FunctionImage of(GeneratedVariant variant, Expectation.Source serves) {
        return images.computeIfAbsent(variant.name() + " " + serves,
                key -> FunctionImage.layOut(variant.project(), logDirectory.resolve(variant.name()), serves));
    }

    @Override
    public void close() {
        images.values().forEach(FunctionImage::close);
    }
}
