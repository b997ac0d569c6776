package org.elfmap.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.elf.ElfFile;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ImageNote;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.Region;
import org.elfmap.loader.Flavor;
import org.elfmap.space.Folded;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.loader.Mapping;
import org.elfmap.space.PageSize;

/**
 * A whole program's mapped image before it runs: every object of its closure laid out by the
 * loader that maps it — the kernel for the program and its interpreter, the dynamic linker (or
 * the {@code --loader} asked for) for each library — in the address-image shape that
 * {@code explain} and {@code compare} share.
 *
 * <p>Only what the files decide is predicted. The stack, heap, vdso/vvar and anonymous memory
 * of a running process are not: they are left out of the image (and said so in its notes), never
 * mixed into the ELF objects' totals.
 */
public record ProgramPrediction(Closure closure, List<ObjectLayout> layouts, AddressImage image) {

    /** The layout chosen for one object of the closure. */
    public record ObjectLayout(LoadedObject object, Layout layout) {
    }


    public ProgramPrediction {
        layouts = List.copyOf(layouts);
    }

    /**
     * Lays out each object of {@code closure} at page size {@code page}; {@code libraryLoader},
     * when present, replaces the dynamic linker's model for the libraries.
     */
    public static ProgramPrediction of(Closure closure, PageSize page, Optional<LoaderModel> libraryLoader) {
        List<ObjectLayout> layouts = new ArrayList<>();
        List<ObjectImage> objects = new ArrayList<>();
        List<ImageNote> notes = new ArrayList<>();
        for (LoadedObject o : closure.objects()) {
            LoaderModel model = Loaders.forRole(o.isProgram() || o.isInterpreter(), Flavor.of(o.elf()), libraryLoader);
            Layout layout = model.layout(o.elf(), page);
            layouts.add(new ObjectLayout(o, layout));
            List<Region> regions = new ArrayList<>();
            for (Mapping m : layout.mappings()) {
                regions.add(m.toRegion());
            }
            // the program's PT_INTERP, or a library's DT_NEEDED ld.so (a library's closure has no PT_INTERP)
            objects.add(new ObjectImage(o.path(), o.name(), "", OptionalLong.empty(), regions, Folded.NONE, Optional.empty(),
                    o.isInterpreter() || Flavor.isInterpreter(o.elf())));
            layout.refusal().ifPresent(r -> notes.add(new PredictNote.ObjectRefused(o.path(), layout.loader(), r)));
        }
        notes.add(new PredictNote.RelativeAddresses());
        notes.add(new PredictNote.NotPredicted());
        List<String> unresolved = closure.unresolved().stream().map(Closure.Unresolved::name).distinct().toList();
        AddressImage image = new AddressImage("predicted " + closure.program().path(), "predicted", objects, unresolved,
                notes, page);
        return new ProgramPrediction(closure, layouts, image);
    }

}
