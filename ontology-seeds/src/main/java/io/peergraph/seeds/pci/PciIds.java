package io.peergraph.seeds.pci;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The PCI ID repository ({@code pci.ids}): vendors, their devices and subsystems, and device classes.
 * {@link #bundled()} reads the copy shipped in this module's resources, so callers need no data directory.
 * Free-text GPU names are resolved by {@link GpuCatalog}, built from this.
 */
public final class PciIds {

    public record Vendor(int id, String name) {}

    /** A device of a vendor, e.g. {@code 10de:1b81 "GP104 [GeForce GTX 1070]"}. */
    public record Device(int vendorId, int id, String name) {

        /** The chip or family part, before the bracketed marketing names: "GP104", "Ellesmere", "Navi 10". */
        public String family() {
            int bracket = name.indexOf('[');
            return (bracket < 0 ? name : name.substring(0, bracket)).trim();
        }

        /** The bracketed marketing name, if any: "Radeon RX 470/480/570/570X/580/580X/590". */
        public Optional<String> marketingName() {
            int open = name.indexOf('[');
            int close = name.lastIndexOf(']');
            return open >= 0 && close > open ? Optional.of(name.substring(open + 1, close).trim()) : Optional.empty();
        }

        public String hexId() {
            return "%04x:%04x".formatted(vendorId, id);
        }
    }

    public record Subsystem(int vendorId, int deviceId, int subvendorId, int subdeviceId, String name) {}

    /** A device class such as {@code 03 "Display controller"} with its subclasses. */
    public record DeviceClass(int id, String name, Map<Integer, String> subclasses) {}

    private static final String RESOURCE = "/pci.ids.gz";
    private static volatile PciIds bundled;

    private final Map<Integer, Vendor> vendors;
    private final Map<Integer, List<Device>> devicesByVendor;
    private final Map<Long, List<Subsystem>> subsystemsByDevice;
    private final Map<Integer, DeviceClass> classes;

    private PciIds(Map<Integer, Vendor> vendors, Map<Integer, List<Device>> devicesByVendor,
                   Map<Long, List<Subsystem>> subsystemsByDevice, Map<Integer, DeviceClass> classes) {
        this.vendors = vendors;
        this.devicesByVendor = devicesByVendor;
        this.subsystemsByDevice = subsystemsByDevice;
        this.classes = classes;
    }

    /** The copy shipped with Peergraph (read once, then shared). */
    public static PciIds bundled() {
        PciIds ids = bundled;
        if (ids == null) {
            synchronized (PciIds.class) {
                if (bundled == null) {
                    try (InputStream in = PciIds.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                        }
                        bundled = parse(new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + RESOURCE, e);
                    }
                }
                ids = bundled;
            }
        }
        return ids;
    }

    /**
     * Parses the pci.ids text format: vendor lines at column 0, devices after one tab, subsystems after two
     * tabs; a {@code C} section lists classes, subclasses (one tab) and programming interfaces (two tabs).
     */
    public static PciIds parse(BufferedReader reader) throws IOException {
        Map<Integer, Vendor> vendors = new LinkedHashMap<>();
        Map<Integer, List<Device>> devices = new HashMap<>();
        Map<Long, List<Subsystem>> subsystems = new HashMap<>();
        Map<Integer, DeviceClass> classes = new LinkedHashMap<>();
        Vendor vendor = null;
        Device device = null;
        DeviceClass deviceClass = null;
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                if (line.startsWith("C ")) {
                    deviceClass = new DeviceClass(hex(line.substring(2, 4)), line.substring(4).trim(), new LinkedHashMap<>());
                    classes.put(deviceClass.id(), deviceClass);
                    vendor = null;
                } else if (!line.startsWith("\t")) {
                    vendor = new Vendor(hex(line.substring(0, 4)), line.substring(4).trim());
                    vendors.put(vendor.id(), vendor);
                    deviceClass = null;
                } else if (!line.startsWith("\t\t")) {
                    if (deviceClass != null) {
                        deviceClass.subclasses().put(hex(line.substring(1, 3)), line.substring(3).trim());
                    } else if (vendor != null) {
                        device = new Device(vendor.id(), hex(line.substring(1, 5)), line.substring(5).trim());
                        devices.computeIfAbsent(vendor.id(), v -> new ArrayList<>()).add(device);
                    }
                } else if (vendor != null && device != null) {
                    String body = line.substring(2);
                    Subsystem subsystem = new Subsystem(vendor.id(), device.id(), hex(body.substring(0, 4)),
                            hex(body.substring(5, 9)), body.substring(9).trim());
                    subsystems.computeIfAbsent(deviceKey(vendor.id(), device.id()), k -> new ArrayList<>()).add(subsystem);
                }
                // Programming interfaces (two tabs inside a class) are not needed by anyone yet.
            } catch (RuntimeException e) {
                throw new IOException("pci.ids line " + lineNumber + " is malformed: " + line.strip(), e);
            }
        }
        return new PciIds(vendors, devices, subsystems, classes);
    }

    public Optional<Vendor> vendor(int id) {
        return Optional.ofNullable(vendors.get(id));
    }

    public List<Device> devices(int vendorId) {
        return Collections.unmodifiableList(devicesByVendor.getOrDefault(vendorId, List.of()));
    }

    public Optional<Device> device(int vendorId, int deviceId) {
        return devices(vendorId).stream().filter(d -> d.id() == deviceId).findFirst();
    }

    public List<Subsystem> subsystems(int vendorId, int deviceId) {
        return Collections.unmodifiableList(subsystemsByDevice.getOrDefault(deviceKey(vendorId, deviceId), List.of()));
    }

    public Optional<DeviceClass> deviceClass(int id) {
        return Optional.ofNullable(classes.get(id));
    }

    public int vendorCount() {
        return vendors.size();
    }

    /** Vendors whose name contains {@code text}, ignoring case. */
    public List<Vendor> vendorsNamed(String text) {
        String needle = text.toLowerCase(Locale.ROOT);
        return vendors.values().stream().filter(v -> v.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
    }

    private static long deviceKey(int vendorId, int deviceId) {
        return ((long) vendorId << 16) | deviceId;
    }

    private static int hex(String digits) {
        return Integer.parseInt(digits.trim(), 16);
    }
}
