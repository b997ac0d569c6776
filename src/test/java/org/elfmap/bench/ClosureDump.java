package org.elfmap.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.elfmap.deps.Closure;
import org.elfmap.deps.ClosureResolver;
import org.elfmap.deps.LoadedObject;
import org.elfmap.deps.LoaderEnvironment;
import org.elfmap.deps.Need;
import org.elfmap.deps.Sysroot;
import org.elfmap.elf.Elf;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ElfHeader;

/**
 * For bench/predict-agreement.py: resolves, in one JVM, the closure of every file named on stdin
 * (one path a line) as {@code elfmap predict} does, and prints one JSON object a line: the mode
 * ({@code program}/{@code library}), the rules, the interpreter, and each library in load order as
 * the DT_NEEDED name that brought it in and its path (what {@code ldd} prints), the names not
 * found or refused; or why the file is skipped (not ELF, static, no PT_DYNAMIC) or the error.
 */
public final class ClosureDump {
    private ClosureDump() {
    }

    public static void main(String[] args) throws IOException {
        ClosureResolver resolver = new ClosureResolver(Sysroot.host(), LoaderEnvironment.EMPTY);
        JsonFactory factory = new JsonFactory();
        Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            try (JsonGenerator j = factory.createGenerator(out)) {
                j.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                j.writeStartObject();
                j.writeStringField("file", line);
                dump(j, resolver, line);
                j.writeEndObject();
            }
            out.write('\n');
            out.flush();
        }
    }

    private static void dump(JsonGenerator j, ClosureResolver resolver, String path) throws IOException {
        Optional<String> skip = skipReason(path);
        if (skip.isPresent()) {
            j.writeStringField("skip", skip.get());
            return;
        }
        Closure c;
        try {
            c = resolver.resolve(path);
        } catch (RuntimeException e) {
            j.writeStringField("error", String.valueOf(e.getMessage()));
            return;
        }
        j.writeStringField("mode", c.mode().label());
        j.writeStringField("rules", c.rules());
        j.writeStringField("interpreter", c.interpreter().map(LoadedObject::path).orElse(""));
        j.writeArrayFieldStart("libraries");
        for (LoadedObject o : c.libraries()) {
            j.writeStartArray();
            j.writeString(firstName(c, o));
            j.writeString(o.path());
            j.writeString(o.found().describe());
            j.writeEndArray();
        }
        j.writeEndArray();
        j.writeArrayFieldStart("unresolved");
        for (Closure.Unresolved u : c.unresolved()) {
            j.writeStartArray();
            j.writeString(u.name());
            j.writeString(org.elfmap.output.Words.unloadable(u.reason()));
            j.writeEndArray();
        }
        j.writeEndArray();
        if (c.glibc().isPresent()) {
            j.writeStringField("platform", c.glibc().get().platform());
        }
    }

    /** Files that are no dynamic ELF object: not ELF, relocatable, static. */
    private static Optional<String> skipReason(String path) {
        Path p = Path.of(path);
        try {
            byte[] magic = new byte[4];
            try (var in = Files.newInputStream(p)) {
                if (in.readNBytes(magic, 0, 4) < 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L'
                        || magic[3] != 'F') {
                    return Optional.of("not ELF");
                }
            }
            ElfFile elf = Elf.read(p);
            int type = elf.header().type();
            if (type != ElfHeader.ET_EXEC && type != ElfHeader.ET_DYN) {
                return Optional.of("ELF type " + elf.header().typeName());
            }
            if (elf.interpreter().isEmpty() && elf.dynamic().isEmpty()) {
                return Optional.of("static (no PT_INTERP, no PT_DYNAMIC)");
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
    }

    /** The DT_NEEDED name that brought the object in, as ldd prints it left of "=>". */
    private static String firstName(Closure c, LoadedObject o) {
        for (LoadedObject by : c.objects()) {
            for (Need n : by.needs()) {
                if (n instanceof Need.Loaded l && l.object() == o.index() && l.firstLoad()) {
                    return n.name();
                }
            }
        }
        return o.name();
    }
}
