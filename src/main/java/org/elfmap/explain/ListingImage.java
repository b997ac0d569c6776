package org.elfmap.explain;

import org.elfmap.space.Folded;
import org.elfmap.space.Region;
import org.elfmap.space.ObjectImage;
import org.elfmap.space.AddressImage;
import org.elfmap.space.ImageNote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.elfmap.elf.ElfFile;
import org.elfmap.elf.ProgramHeaderListing;
import org.elfmap.loader.Flavor;
import org.elfmap.loader.Layout;
import org.elfmap.loader.LoaderModel;
import org.elfmap.loader.Loaders;
import org.elfmap.loader.Mapping;
import org.elfmap.space.PageSize;

/**
 * The image a program-header listing ({@code readelf -lW}, {@code objdump -x}) predicts: its one
 * object laid out by the chosen loader (default: the one that would load such a file here), in
 * the shape {@code explain} and {@code compare} share. Format {@code "program-headers"}. A dynamic
 * linker's listing says so ({@link ObjectImage#dynamicLinker}), for {@code compare} to line it up
 * with the other side's linker.
 */
final class ListingImage {
    static final String FORMAT = "program-headers";

    private ListingImage() {
    }

    /** What a listing's object is called when it shows no soname: two listings compare as one object. */
    static final String UNNAMED = "(listed object)";

    /**
     * Whether the listed object is a dynamic linker: nothing but its soname tells (glibc's
     * {@code ld-linux-x86-64.so.2}, FreeBSD's {@code ld-elf.so.1}), read by the names
     * {@link Flavor} knows interpreters by. A program (it has a PT_INTERP) never is; musl's linker
     * has no soname, so its listing is not known as one.
     */
    static boolean isDynamicLinker(ProgramHeaderListing.Listing listing) {
        return listing.elf().interpreter().isEmpty() && listing.soname().filter(Flavor::isInterpreterPath).isPresent();
    }

    static AddressImage of(ProgramHeaderListing.Listing listing, String source, Optional<LoaderModel> loader,
                           PageSize page) {
        ElfFile elf = listing.elf();
        LoaderModel model = loader.orElseGet(() -> Loaders.defaultFor(elf));
        Layout layout = model.layout(elf, page);
        List<Region> regions = new ArrayList<>();
        for (Mapping m : layout.mappings()) {
            regions.add(m.toRegion());
        }
        List<ImageNote> notes = new ArrayList<>();
        notes.add(new ExplainNote.Listing(model.name(), page));
        layout.refusal().ifPresent(r -> notes.add(new ExplainNote.ListingRefused(model.name(), r)));
        String name = listing.soname().orElse(UNNAMED);
        ObjectImage object = new ObjectImage(source, name, "", OptionalLong.empty(), regions, Folded.NONE,
                Optional.empty(), isDynamicLinker(listing));

        return new AddressImage(source, FORMAT, List.of(object), List.of(), notes, page);
    }
}
