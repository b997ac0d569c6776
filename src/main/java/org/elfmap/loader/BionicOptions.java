package org.elfmap.loader;

import java.util.Optional;
import org.elfmap.BadInputException;
import org.elfmap.space.PageSize;

/**
 * What bionic's linker reads besides the file, as a {@code --loader} spelling:
 * {@code bionic[@RELEASE][+OPTION...]}, e.g. {@code bionic@15+no-pgsize-migration},
 * {@code bionic@16+compat}, {@code bionic+sdk=25}.
 *
 * @param release          the Android release ({@link BionicRelease}); {@code bionic} alone is the newest
 * @param compat           the 16 KiB app-compat mode is on for the app (the system property
 *                         {@code bionic.linker.16kb.app_compat.enabled}, or the per-app switch
 *                         {@code android_set_16kb_appcompat_mode} that the platform sets for an app
 *                         run in compat mode): {@code +compat}
 * @param targetSdk        the app's {@code targetSdkVersion} as {@code get_application_target_sdk_version()}
 *                         returns it; empty for the platform's own processes, which are held to
 *                         every rule: {@code +sdk=N}
 * @param pgsizeMigration  what {@code /sys/kernel/mm/pgsize_migration/enabled} reads
 *                         ({@code page_size_migration_supported()}); empty for the default: an
 *                         Android kernel of 4 KiB pages has the file and it reads 1 (the kernel's
 *                         {@code pgsize_migration} enables itself there; on 16 KiB pages it is
 *                         always 0): {@code +pgsize-migration}, {@code +no-pgsize-migration}
 */
public record BionicOptions(BionicRelease release, boolean compat, Optional<Integer> targetSdk,
                            Optional<Boolean> pgsizeMigration) {
    /** The platform's own processes: {@code __ANDROID_API_FUTURE__}, above every target SDK check. */
    static final int PLATFORM_SDK = 10000;

    public static BionicOptions defaults() {
        return new BionicOptions(BionicRelease.newest(), false, Optional.empty(), Optional.empty());
    }

    /** Parses {@code bionic[@RELEASE][+OPTION...]}; empty when {@code spec} does not name bionic. */
    public static Optional<BionicOptions> parse(String spec) {
        String s = spec.trim();
        if (!s.equals("bionic") && !s.startsWith("bionic@") && !s.startsWith("bionic+")) {
            return Optional.empty();
        }
        String[] parts = s.split("\\+", -1);
        BionicOptions o = defaults();
        if (parts[0].startsWith("bionic@")) {
            String v = parts[0].substring("bionic@".length());
            BionicRelease r = BionicRelease.of(v).orElseThrow(() -> new BadInputException("--loader",
                    "unknown Android release '" + v + "' in '" + spec + "' (one of " + releases() + ")"));
            o = new BionicOptions(r, o.compat, o.targetSdk, o.pgsizeMigration);
        }
        for (int i = 1; i < parts.length; i++) {
            o = o.with(parts[i], spec);
        }
        return Optional.of(o);
    }

    private BionicOptions with(String option, String spec) {
        switch (option) {
            case "compat" -> {
                return new BionicOptions(release, true, targetSdk, pgsizeMigration);
            }
            case "pgsize-migration" -> {
                return new BionicOptions(release, compat, targetSdk, Optional.of(true));
            }
            case "no-pgsize-migration" -> {
                return new BionicOptions(release, compat, targetSdk, Optional.of(false));
            }
            default -> {
                if (option.startsWith("sdk=")) {
                    try {
                        int n = Integer.parseInt(option.substring(4));
                        if (n > 0) {
                            return new BionicOptions(release, compat, Optional.of(n), pgsizeMigration);
                        }
                    } catch (NumberFormatException e) {
                        // reported below
                    }
                }
                throw new BadInputException("--loader", "unknown bionic option '" + option + "' in '" + spec
                        + "' (compat, sdk=N, pgsize-migration, no-pgsize-migration)");
            }
        }
    }

    static String releases() {
        StringBuilder b = new StringBuilder();
        for (BionicRelease r : BionicRelease.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(r.version());
        }
        return b.toString();
    }

    /** The app's target SDK, or the platform's. */
    int sdk() {
        return targetSdk.orElse(PLATFORM_SDK);
    }

    /**
     * {@code page_size_migration_supported()}: the sysfs file reads 1; never on a 16 KiB kernel
     * (the migration is for 4 KiB kernels only) and, from 15 QPR2, never for a 32-bit process.
     */
    boolean migration(PageSize page, boolean lp64) {
        if (release.migrationOnlyLp64() && !lp64) {
            return false;
        }
        return pgsizeMigration.orElse(page.bytes() == 4096);
    }

    /** The {@code --loader} spelling of these options. */
    String name() {
        StringBuilder b = new StringBuilder("bionic");
        if (release != BionicRelease.newest()) {
            b.append('@').append(release.version());
        }
        if (compat) {
            b.append("+compat");
        }
        targetSdk.ifPresent(n -> b.append("+sdk=").append(n));
        pgsizeMigration.ifPresent(on -> b.append(on ? "+pgsize-migration" : "+no-pgsize-migration"));
        return b.toString();
    }
}
