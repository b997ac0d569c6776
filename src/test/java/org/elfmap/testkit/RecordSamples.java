package org.elfmap.testkit;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.elfmap.space.PageSize;
import org.elfmap.space.Prot;
import org.elfmap.space.Refusal;

/**
 * One instance of each record of a sealed family, for tests that every finding has its words: a
 * record added without a sentence would otherwise reach users as its bare code, or throw.
 */
public final class RecordSamples {
    private RecordSamples() {
    }

    /** One instance of each record {@code sealed} permits, nested families included, built from small defaults. */
    public static List<Object> instances(Class<?> sealed) {
        List<Object> out = new ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isInterface()) {
                out.addAll(instances(c));
            } else if (c.isRecord()) {
                out.add(build(c));
            }
        }
        return out;
    }

    private static Object build(Class<?> c) {
        RecordComponent[] parts = c.getRecordComponents();
        Class<?>[] types = new Class<?>[parts.length];
        Object[] args = new Object[parts.length];
        for (int i = 0; i < parts.length; i++) {
            types[i] = parts[i].getType();
            args[i] = value(types[i], parts[i].getGenericType());
        }
        try {
            Constructor<?> k = c.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(c + ": " + e, e);
        }
    }

    /** Segment 0 (every ELF a test builds has one), sizes 1, the 4 KiB page, lists of one such value. */
    private static Object value(Class<?> t, Type generic) {
        if (t == int.class || t == Integer.class) {
            return 0;
        } else if (t == long.class) {
            return 1L;
        } else if (t == boolean.class) {
            return true;
        } else if (t == String.class) {
            return "x";
        } else if (t == Optional.class) {
            return Optional.empty();
        } else if (t == OptionalInt.class) {
            return OptionalInt.of(1);
        } else if (t == List.class) {
            Type element = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
            return List.of(value((Class<?>) element, element));
        } else if (t == PageSize.class) {
            return PageSize.P4K;
        } else if (t == Prot.class) {
            return Prot.R;
        } else if (t == Refusal.class) {
            return Refusal.of(Refusal.Reason.NO_DYNAMIC);
        } else if (t == org.elfmap.loader.CompatLoad.class) {
            return new org.elfmap.loader.CompatLoad.Refused("the linker's warning");
        } else if (t.isInterface() && t.isSealed()) {
            return instances(t).get(0); // a member of a nested sealed family
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        }
        throw new AssertionError("no sample value for " + t);
    }
}
