package io.github.lambdacontainer.archetype;

import io.github.lambdacontainer.archetype.contract.FunctionImage;
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

    FunctionImage of(GeneratedVariant variant) {
        return images.computeIfAbsent(variant.name(),
                name -> FunctionImage.layOut(variant.project(), logDirectory.resolve(name)));
    }

    @Override
    public void close() {
        images.values().forEach(FunctionImage::close);
    }
}
