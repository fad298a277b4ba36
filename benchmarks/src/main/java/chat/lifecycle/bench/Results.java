package chat.lifecycle.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Properties;

/**
 * What the phases found, kept between them (each phase is its own JVM run by benchmarks/run): figures other
 * phases need, and the report's lines, printed as they come and gathered for the end.
 */
final class Results {

    private final Path figures;
    private final Path report;
    private final Properties values = new Properties();

    Results(Path folder) throws IOException {
        Files.createDirectories(folder);
        figures = folder.resolve("figures.properties");
        report = folder.resolve("report.md");
        if (Files.exists(figures)) {
            try (Reader in = Files.newBufferedReader(figures)) {
                values.load(in);
            }
        }
    }

    String get(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(key + " is missing: run the earlier phases first");
        }
        return value;
    }

    void put(String key, Object value) throws IOException {
        values.setProperty(key, String.valueOf(value));
        try (Writer out = Files.newBufferedWriter(figures)) {
            values.store(out, "benchmark figures");
        }
    }

    void line(String format, Object... args) throws IOException {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        Files.writeString(report, line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void print() throws IOException {
        System.out.print(Files.readString(report));
    }
}
