package io.peergraph.ingest.normalise;

import io.peergraph.graph.text.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OS strings → {@code distribution} ("Ubuntu") and {@code os} (distribution + release, "Ubuntu 18.04").
 * Rolling distributions have no release ("Arch Linux"). Architecture notes in any language ("(64 bit)",
 * "(64 бит)") and point releases ("18.04.3") are dropped; unknown distributions keep their cleaned name.
 */
public final class OsNormaliser {

    /** A distribution, how to recognise it and whether its releases are numbered. */
    private record Distribution(String name, Pattern pattern, boolean rolling) {}

    private static final List<Distribution> DISTRIBUTIONS = List.of(
            rolling("Manjaro", "manjaro"), rolling("EndeavourOS", "endeavour"), rolling("ArcoLinux", "arcolinux"),
            rolling("Arch Linux", "\\barch\\s*(linux|labs)?\\b|artix|antergos|rebornos"),
            rolling("Solus", "\\bsolus\\b"), rolling("Gentoo", "gentoo|sabayon"), rolling("Void Linux", "\\bvoid\\b"),
            rolling("openSUSE Tumbleweed", "tumbleweed"), numbered("openSUSE Leap", "opensuse|suse"),
            numbered("Pop!_OS", "pop!?[_ ]?os"), numbered("Linux Mint", "linux mint|\\blmde\\b|\\bmint\\b"),
            numbered("elementary OS", "elementary"), numbered("KDE neon", "kde neon"), numbered("Zorin OS", "zorin"),
            numbered("Kubuntu", "kubuntu"), numbered("Xubuntu", "xubuntu"), numbered("Lubuntu", "lubuntu"),
            numbered("Ubuntu", "ubuntu"), numbered("Debian", "debian|devuan|siduction"), numbered("Fedora", "fedora"),
            numbered("NixOS", "nixos"), numbered("SteamOS", "steamos"), numbered("CentOS", "centos"),
            numbered("Mageia", "mageia"), numbered("MX Linux", "^mx\\b"), numbered("Slackware", "slackware"),
            rolling("Flatpak runtime", "flatpak runtime"), numbered("Windows", "windows"));

    private static final Pattern RELEASE = Pattern.compile("(?<![\\d.])(\\d{1,4})(?:\\.(\\d{1,2}))?");
    private static final Pattern DEBIAN_CODENAME = Pattern.compile("(?i)\\b(bullseye|buster|stretch|sid|bookworm|jessie)\\b");
    private static final Pattern NOISE = Pattern.compile("(?i)\\(?\\s*(64|32)[\\s\u00a0-]*(bit|bits|бит|位|位元|ビット|розрядна)\\s*\\)?|（[^）]*）|\\((flatpak runtime)\\)");

    public List<NormalisedItem> normalise(String raw) {
        String line = Text.line(raw);
        if (line == null || line.isEmpty() || line.equalsIgnoreCase("unknown")) {
            return List.of();
        }
        String cleaned = NOISE.matcher(line).replaceAll(" ").replace("\"", "").strip();
        for (Distribution d : DISTRIBUTIONS) {
            Matcher m = d.pattern().matcher(cleaned);
            if (!m.find()) {
                continue;
            }
            List<NormalisedItem> items = new ArrayList<>();
            items.add(new NormalisedItem("distribution", d.name(), raw));
            items.add(new NormalisedItem("os", d.rolling() ? d.name() : d.name() + release(d, cleaned.substring(m.end())), raw));
            return items;
        }
        return List.of(new NormalisedItem("os", Values.cap(cleaned), raw));
    }

    /** " 18.04" for Ubuntu-like numbering, " 10" for Debian, " bullseye" for Debian testing; "" when none. */
    private static String release(Distribution d, String rest) {
        if (d.name().equals("Debian")) {
            Matcher codename = DEBIAN_CODENAME.matcher(rest);
            Matcher number = RELEASE.matcher(rest);
            if (number.find()) {
                return " " + number.group(1);
            }
            return codename.find() ? " " + codename.group(1).toLowerCase() : "";
        }
        Matcher m = RELEASE.matcher(rest);
        if (!m.find()) {
            return "";
        }
        return " " + m.group(1) + (m.group(2) != null ? "." + m.group(2) : "");
    }

    private static Distribution rolling(String name, String regex) {
        return new Distribution(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), true);
    }

    private static Distribution numbered(String name, String regex) {
        return new Distribution(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), false);
    }
}
