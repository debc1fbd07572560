package dev.cairn.jdbc;

import java.util.List;
import java.util.ServiceLoader;

/** The {@link DriverSupport} implementations on the class path, looked up once per class loader. */
final class InstalledDrivers {

    static final List<DriverSupport> ALL = ServiceLoader.load(DriverSupport.class,
            DriverSupport.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private InstalledDrivers() {
    }
}
