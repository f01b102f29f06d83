package io.flint;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Flint's main (not test) classes on the class path, for the layer rules of each module. */
public final class MainClasses {
    private MainClasses() {}

    /** The main classes in {@code packages} (and below) that this module's tests can see. */
    public static JavaClasses in(String... packages) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(packages);
    }
}
