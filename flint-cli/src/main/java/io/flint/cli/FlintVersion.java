package io.flint.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version the build wrote into the jar's manifest. */
final class FlintVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = FlintMain.class.getPackage().getImplementationVersion();
        return new String[] {
            "flint " + (version == null ? "(development build)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
