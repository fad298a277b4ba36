package chat.lifecycle.platform.ops;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 database (the default, {@code ./data/lifecycle}) holds password and token hashes, so its files are
 * the owner's alone, whatever the umask. Before the first connection: the directory, when missing, is created 0700;
 * the database and trace files, when missing, are created empty and 0600 (H2 writes into them as they are); every file
 * of the database already there is set to 0600 (older builds left them 0644). Nothing on a file system without POSIX
 * permissions, or for a database that is not an H2 file.
 */
@Component
class EmbeddedDatabaseFiles implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseFiles.class);
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final List<String> CREATED_BY_H2 = List.of(".mv.db", ".trace.db");

    private final Environment environment;
    private boolean done;

    EmbeddedDatabaseFiles(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String name) {
        if (bean instanceof DataSource && !done) {
            done = true;
            Path database = h2File(environment.getProperty("spring.datasource.url", ""));
            if (database != null && database.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                ownerOnly(database);
            }
        }
        return bean;
    }

    /** The database's path without H2's suffixes, for {@code jdbc:h2:[file:]<path>[;settings]}; else null. */
    static Path h2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return null;
        }
        String path = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        // mem:, tcp:, ssl: and H2's other file systems are not files of this machine's
        return path.startsWith("/") || path.startsWith(".") ? Path.of(path).toAbsolutePath().normalize() : null;
    }

    private static void ownerOnly(Path database) {
        Path directory = database.getParent();
        String name = database.getFileName().toString();
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, OWNER_DIRECTORY);
            }
            for (String suffix : CREATED_BY_H2) {
                try {
                    Files.createFile(directory.resolve(name + suffix), PosixFilePermissions.asFileAttribute(OWNER_FILE));
                } catch (FileAlreadyExistsException there) {
                    // tightened below
                }
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(file -> file.getFileName().toString().startsWith(name + ".")).toList()) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        } catch (IOException e) {
            log.warn("could not make the files of the embedded database {} readable by their owner only: {}",
                    database, e.toString());
        }
    }
}
