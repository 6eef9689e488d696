using Desec.Signer.Algorithms;
using Desec.Zone.Names;

namespace Desec.Signer.Keys;

/// <summary>
/// The keys of every zone, kept in one folder (the state folder) as BIND key file pairs, so that
/// BIND's and Knot's tools read them and an operator can bring keys made by <c>dnssec-keygen</c>.
/// </summary>
/// <remarks>
/// A key is written as two files, each atomically (temporary file, flush, rename, then the
/// folder flushed so the renames survive a crash); the .private file gets mode 0600. Both temporary files are complete before either is renamed, so a crash
/// can at worst leave a .private file without its .key, which loading reports by name.
/// Roles of loaded keys: per algorithm, when the zone also has keys with flags 256, keys with
/// flags 257 are KSKs and those with 256 ZSKs; otherwise every key is a CSK.
/// </remarks>
public sealed class KeyStore
{
    private readonly Lock _gate = new();
    private readonly Lock[] _zoneLocks = [.. Enumerable.Range(0, 64).Select(_ => new Lock())];
    private readonly TimeProvider _clock;
    // Key file base names per zone (lower-case zone text), from one scan of the folder: a server
    // with 10,000 zones would otherwise list 20,000 files for every zone it loads. Keys saved here
    // go into it as they are written; keys an operator adds are seen after Rescan (each reload).
    private Dictionary<string, SortedSet<string>>? _index;
    private DateTime _scannedFolderTime;

    public KeyStore(string directory, TimeProvider? clock = null)
    {
        Directory = directory;
        _clock = clock ?? TimeProvider.System;
    }

    public string Directory { get; }

    /// <summary>Modulus size for generated RSASHA256 keys.</summary>
    public int RsaModulusBits { get; init; } = 2048;

    /// <summary>
    /// The zone's keys; when the folder holds none for the zone, a new CSK (flags 257) of
    /// <paramref name="algorithm"/> is made and saved first. Keys that are already there are used
    /// as they are, whatever their algorithm: the algorithm only chooses what a new key gets.
    /// </summary>
    public IReadOnlyList<DnssecKey> LoadOrCreate(DnsName zone, DnssecAlgorithm algorithm)
    {
        // Per zone (a slot of zones), so that zones loaded in parallel make their keys in parallel.
        lock (_zoneLocks[(zone.GetHashCode() & int.MaxValue) % _zoneLocks.Length])
        {
            var keys = Load(zone);
            if (keys.Count > 0) { return keys; }
            var key = KeyGenerator.Generate(zone, algorithm, DnskeyRdata.KskFlags, KeyRole.Csk, _clock.GetUtcNow(),
                rsaModulusBits: RsaModulusBits);
            Save(key);
            return [key];
        }
    }

    /// <summary>
    /// Reads every <c>K&lt;zone&gt;+*.key</c>/<c>.private</c> pair of the zone, sorted by algorithm
    /// and key tag. A file that cannot be read, a pair that does not match, or a file without its
    /// pair is a <see cref="KeyFileException"/> naming the file.
    /// </summary>
    public IReadOnlyList<DnssecKey> Load(DnsName zone)
    {
        if (!System.IO.Directory.Exists(Directory)) { return []; }
        string[] baseNames;
        lock (_gate)
        {
            if (!Index().TryGetValue(BindKeyFileName.ZoneText(zone), out var names)) { return []; }
            baseNames = [.. names];
        }
        var loaded = baseNames.Select(name => ReadPair(zone, name)).ToList();
        return AssignRoles(zone, loaded);
    }

    /// <summary>
    /// Makes the next look-up read the folder again when it changed since it was read (keys added or
    /// removed from outside, or saved here since). The server calls this at every publish, live
    /// database changes included, so an unchanged folder is not listed again.
    /// </summary>
    public void Rescan()
    {
        lock (_gate)
        {
            if (System.IO.Directory.GetLastWriteTimeUtc(Directory) != _scannedFolderTime) { _index = null; }
        }
    }

    private Dictionary<string, SortedSet<string>> Index()
    {
        if (_index is not null) { return _index; }
        // The folder's time is taken before it is listed, so that a change during the listing is
        // caught by the next Rescan. File times move in coarse clock ticks: a folder changed within
        // the last second could change again unseen within the same tick, so it is listed again next time.
        var folderTime = System.IO.Directory.GetLastWriteTimeUtc(Directory);
        _scannedFolderTime = DateTime.UtcNow - folderTime < TimeSpan.FromSeconds(1) ? DateTime.MinValue : folderTime;
        var index = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in System.IO.Directory.EnumerateFiles(Directory, "K*"))
        {
            string fileName = Path.GetFileName(path);
            string extension = Path.GetExtension(fileName);
            if (extension is not (BindKeyFileName.PublicExtension or BindKeyFileName.PrivateExtension)) { continue; }
            string baseName = fileName[..^extension.Length];
            if (BindKeyFileName.TryParse(baseName, out string fileZone, out _, out _))
            {
                if (!index.TryGetValue(fileZone, out var names)) { index[fileZone] = names = new SortedSet<string>(StringComparer.Ordinal); }
                names.Add(baseName);
            }
        }
        _index = index;
        return index;
    }

    /// <summary>Writes the key's .key and .private files; refuses to replace files already there.</summary>
    public void Save(DnssecKey key)
    {
        Storage.StateFolder.Create(Directory);
        string publicPath = Path.Combine(Directory, key.FileBaseName + BindKeyFileName.PublicExtension);
        string privatePath = Path.Combine(Directory, key.FileBaseName + BindKeyFileName.PrivateExtension);
        if (File.Exists(publicPath) || File.Exists(privatePath))
        {
            throw new KeyFileException(privatePath, "a key file of this name exists already (same zone, algorithm and key tag)");
        }
        string publicTemporary = AtomicFile.WriteTemporary(publicPath, BindPublicKeyFile.Format(key), AtomicFile.PublicMode);
        string? privateTemporary = null;
        try
        {
            privateTemporary = AtomicFile.WriteTemporary(privatePath, BindPrivateKeyFile.Format(key), AtomicFile.PrivateMode);
            File.Move(privateTemporary, privatePath);
            privateTemporary = null;
            File.Move(publicTemporary, publicPath);
            AtomicFile.FlushDirectory(Directory);
            lock (_gate)
            {
                if (_index is { } index)
                {
                    string zoneText = BindKeyFileName.ZoneText(key.Zone);
                    if (!index.TryGetValue(zoneText, out var names)) { index[zoneText] = names = new SortedSet<string>(StringComparer.Ordinal); }
                    names.Add(key.FileBaseName);
                }
            }
        }
        finally
        {
            if (privateTemporary is not null) { File.Delete(privateTemporary); }
            File.Delete(publicTemporary);
        }
    }

    private (DnssecKey Key, ushort Flags) ReadPair(DnsName zone, string baseName)
    {
        string publicPath = Path.Combine(Directory, baseName + BindKeyFileName.PublicExtension);
        string privatePath = Path.Combine(Directory, baseName + BindKeyFileName.PrivateExtension);
        if (!File.Exists(privatePath))
        {
            throw new KeyFileException(publicPath, $"has no {BindKeyFileName.PrivateExtension} file beside it; a key without its private part cannot sign (provision another signer's key as a DNSKEY record in the zone instead)");
        }
        if (!File.Exists(publicPath))
        {
            throw new KeyFileException(privatePath, $"has no {BindKeyFileName.PublicExtension} file beside it (perhaps key generation was interrupted); restore the .key file or remove this one");
        }
        BindKeyFileName.TryParse(baseName, out _, out byte nameAlgorithm, out ushort nameTag);

        var (owner, rdata) = BindPublicKeyFile.Parse(ReadText(publicPath), publicPath);
        if (owner != zone) { throw new KeyFileException(publicPath, $"holds a key for {owner}, not for {zone}"); }
        ushort flags = DnskeyRdata.Flags(rdata);
        if ((flags & ~(DnskeyRdata.ZoneKeyFlag | DnskeyRdata.SecureEntryPointFlag)) != 0 || (flags & DnskeyRdata.ZoneKeyFlag) == 0)
        {
            throw new KeyFileException(publicPath, $"has DNSKEY flags {flags}; only 256 (ZSK) and 257 (KSK/CSK) keys can sign (a revoked key cannot)");
        }
        if (rdata[2] != DnskeyRdata.Protocol) { throw new KeyFileException(publicPath, $"has DNSKEY protocol {rdata[2]}, not 3"); }
        byte algorithm = DnskeyRdata.Algorithm(rdata);
        ushort tag = KeyTag.Compute(rdata);
        if (algorithm != nameAlgorithm || tag != nameTag)
        {
            throw new KeyFileException(publicPath, $"holds a key of algorithm {algorithm} with tag {tag}, but its name says algorithm {nameAlgorithm}, tag {nameTag}");
        }

        CheckPrivate(privatePath);
        var fallbackCreated = File.GetLastWriteTimeUtc(privatePath);
        var (signingKey, times) = BindPrivateKeyFile.Parse(ReadText(privatePath), privatePath, new DateTimeOffset(fallbackCreated, TimeSpan.Zero));
        if (signingKey.Algorithm.Number != algorithm)
        {
            signingKey.Dispose();
            throw new KeyFileException(privatePath, $"holds an algorithm {signingKey.Algorithm.Number} key, but {Path.GetFileName(publicPath)} one of algorithm {algorithm}");
        }
        if (!signingKey.PublicKey.Span.SequenceEqual(DnskeyRdata.PublicKey(rdata)))
        {
            signingKey.Dispose();
            throw new KeyFileException(privatePath, $"does not hold the private key of the public key in {Path.GetFileName(publicPath)}");
        }
        // The role is settled once all the zone's keys are known; CSK until then.
        return (new DnssecKey(zone, flags, signingKey, KeyRole.Csk, times), flags);
    }

    /// <summary>
    /// A private key that group or others may read could have been copied by them, and one they may write
    /// could have been replaced: neither is used. BIND's dnssec-keygen and this store write 0600.
    /// </summary>
    private static void CheckPrivate(string privatePath)
    {
        if (OperatingSystem.IsWindows()) { return; }
        UnixFileMode mode;
        try { mode = File.GetUnixFileMode(privatePath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(privatePath, $"cannot be read: {e.Message}", e);
        }
        if ((mode & Storage.StateFolder.GroupOrOthers) != 0)
        {
            throw new KeyFileException(privatePath,
                $"has mode {Storage.StateFolder.Octal(mode)}: group or others may read or change this private key, so it is not used; "
                + $"if it was not exposed, chmod 600 '{privatePath}' (else replace the key)");
        }
    }

    private static IReadOnlyList<DnssecKey> AssignRoles(DnsName zone, List<(DnssecKey Key, ushort Flags)> loaded)
    {
        var result = new List<DnssecKey>(loaded.Count);
        foreach (var group in loaded.GroupBy(k => k.Key.Algorithm.Number))
        {
            bool split = group.Any(k => k.Flags == DnskeyRdata.ZskFlags) && group.Any(k => k.Flags == DnskeyRdata.KskFlags);
            foreach (var (key, flags) in group)
            {
                var role = !split ? KeyRole.Csk : flags == DnskeyRdata.KskFlags ? KeyRole.Ksk : KeyRole.Zsk;
                result.Add(role == key.Role ? key : new DnssecKey(zone, flags, key.SigningKey, role, key.Times));
            }
        }
        result.Sort((a, b) => a.Algorithm.Number != b.Algorithm.Number
            ? a.Algorithm.Number.CompareTo(b.Algorithm.Number)
            : a.KeyTag.CompareTo(b.KeyTag));
        return result;
    }

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KeyFileException(path, $"cannot be read: {e.Message}", e);
        }
    }
}
