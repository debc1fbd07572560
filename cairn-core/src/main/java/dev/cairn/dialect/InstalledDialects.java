package dev.cairn.dialect;

import java.util.List;
import java.util.ServiceLoader;

/** The {@link DialectFactory} implementations on the class path, looked up once per class loader. */
final class InstalledDialects {

    static final List<DialectFactory> FACTORIES = ServiceLoader.load(DialectFactory.class,
            DialectFactory.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private InstalledDialects() {
    }
}
