using Desec.Signer.Algorithms;
using Desec.Signer.Keys;
using Desec.Signer.Tests.Support;
using Desec.Zone.Names;

namespace Desec.Signer.Tests.Keys;

/// <summary>The state folder of keys: made once, read back the same, file modes, and clear errors for bad files.</summary>
public class KeyStoreTests
{
    private static readonly DnsName Zone = DnsName.Parse("example.org.");

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void First_load_makes_a_CSK_later_loads_read_it()
    {
        using var folder = new TempDirectory();
        var store = new KeyStore(Path.Combine(folder.Path, "keys"), new FixedClock(Now));
        var made = Assert.Single(store.LoadOrCreate(Zone, DnssecAlgorithm.EcdsaP256Sha256));
        Assert.Equal(KeyRole.Csk, made.Role);
        Assert.Equal(257, made.Flags);
        Assert.Equal(13, made.Algorithm.Number);
        Assert.Equal(Now, made.Created);
        Assert.Equal(Zone, made.Zone);

        var again = Assert.Single(new KeyStore(store.Directory).LoadOrCreate(Zone, DnssecAlgorithm.Ed25519));
        Assert.Equal(made.DnskeyRdata.ToArray(), again.DnskeyRdata.ToArray());
        Assert.Equal(made.KeyTag, again.KeyTag);
        Assert.Equal(made.Times, again.Times);
        Assert.Equal(KeyRole.Csk, again.Role);
        byte[] data = [4, 5, 6];
        Assert.True(made.SigningKey.Verify(data, again.SigningKey.Sign(data)));

        var files = Directory.GetFiles(store.Directory).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal([made.FileBaseName + ".key", made.FileBaseName + ".private"], files);
    }

    [Fact]
    public void Private_file_is_0600_public_file_0644()
    {
        using var folder = new TempDirectory();
        var store = new KeyStore(folder.Path);
        var key = store.LoadOrCreate(Zone, DnssecAlgorithm.Ed25519)[0];
        if (OperatingSystem.IsWindows()) { return; }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(folder.File(key.FileBaseName + ".private")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(folder.File(key.FileBaseName + ".key")));
    }

    [Fact]
    public void Zones_keep_their_own_keys()
    {
        using var folder = new TempDirectory();
        var store = new KeyStore(folder.Path);
        var a = store.LoadOrCreate(DnsName.Parse("a.example."), DnssecAlgorithm.Ed25519)[0];
        var b = store.LoadOrCreate(DnsName.Parse("b.a.example."), DnssecAlgorithm.Ed25519)[0];
        Assert.NotEqual(a.DnskeyRdata.ToArray(), b.DnskeyRdata.ToArray());
        Assert.Equal(a.KeyTag, Assert.Single(store.Load(DnsName.Parse("A.EXAMPLE."))).KeyTag);
        Assert.Equal(b.KeyTag, Assert.Single(store.Load(DnsName.Parse("b.a.example."))).KeyTag);
        Assert.Empty(store.Load(DnsName.Parse("example.")));
    }

    [Fact]
    public void KSK_and_ZSK_roles_follow_the_flags()
    {
        using var folder = new TempDirectory();
        var store = new KeyStore(folder.Path);
        var ksk = KeyGenerator.Generate(Zone, DnssecAlgorithm.EcdsaP256Sha256, DnskeyRdata.KskFlags);
        var zsk = KeyGenerator.Generate(Zone, DnssecAlgorithm.EcdsaP256Sha256, DnskeyRdata.ZskFlags, tagsInUse: [ksk.KeyTag]);
        var otherAlgorithm = KeyGenerator.Generate(Zone, DnssecAlgorithm.Ed25519, DnskeyRdata.KskFlags);
        store.Save(ksk);
        store.Save(zsk);
        store.Save(otherAlgorithm);
        var loaded = store.LoadOrCreate(Zone, DnssecAlgorithm.EcdsaP256Sha256);
        Assert.Equal(3, loaded.Count);
        Assert.Equal(KeyRole.Ksk, loaded.Single(k => k.KeyTag == ksk.KeyTag && k.Algorithm.Number == 13).Role);
        Assert.Equal(KeyRole.Zsk, loaded.Single(k => k.KeyTag == zsk.KeyTag && k.Algorithm.Number == 13).Role);
        Assert.Equal(KeyRole.Csk, loaded.Single(k => k.Algorithm.Number == 15).Role);
        Assert.Equal([13, 13, 15], loaded.Select(k => (int)k.Algorithm.Number));
    }

    [Fact]
    public void A_key_added_from_outside_is_seen_after_a_rescan()
    {
        // The folder is indexed once (a server with many zones must not list it per zone);
        // keys an operator drops in while the server runs count from the next reload (Rescan).
        using var folder = new TempDirectory();
        var store = new KeyStore(folder.Path);
        var own = store.LoadOrCreate(Zone, DnssecAlgorithm.EcdsaP256Sha256)[0];
        var other = DnsName.Parse("other.example.");
        Assert.Empty(store.Load(other));
        var operatorKey = KeyGenerator.Generate(other, DnssecAlgorithm.Ed25519, DnskeyRdata.KskFlags);
        new KeyStore(folder.Path).Save(operatorKey);
        store.Rescan();
        Assert.Equal(operatorKey.KeyTag, Assert.Single(store.Load(other)).KeyTag);
        Assert.Equal(own.KeyTag, Assert.Single(store.Load(Zone)).KeyTag);
    }

    [Fact]
    public void Keys_of_many_zones_made_in_parallel_are_each_found()
    {
        using var folder = new TempDirectory();
        var store = new KeyStore(folder.Path);
        var zones = Enumerable.Range(0, 200).Select(i => DnsName.Parse($"z{i}.example.")).ToArray();
        var made = new DnssecKey[zones.Length];
        Parallel.For(0, zones.Length, i => made[i] = Assert.Single(store.LoadOrCreate(zones[i], DnssecAlgorithm.EcdsaP256Sha256)));
        var fresh = new KeyStore(folder.Path);
        for (int i = 0; i < zones.Length; i++)
        {
            Assert.Equal(made[i].KeyTag, Assert.Single(store.Load(zones[i])).KeyTag);
            Assert.Equal(made[i].KeyTag, Assert.Single(fresh.Load(zones[i])).KeyTag);
        }
    }

    [Fact]
    public void Saving_over_an_existing_key_is_refused()
    {
        using var folder = new TempDirectory();
        var store = new KeyStore(folder.Path);
        var key = store.LoadOrCreate(Zone, DnssecAlgorithm.Ed25519)[0];
        Assert.Throws<KeyFileException>(() => store.Save(key));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length); // no temporary files left behind
    }

    [Fact]
    public void Missing_folder_means_no_keys()
    {
        using var folder = new TempDirectory();
        Assert.Empty(new KeyStore(folder.File("absent")).Load(Zone));
    }

    private static (KeyStore Store, DnssecKey Key, string PublicPath, string PrivatePath) StoreWithOneKey(TempDirectory folder)
    {
        var store = new KeyStore(folder.Path);
        var key = store.LoadOrCreate(Zone, DnssecAlgorithm.EcdsaP256Sha256)[0];
        return (store, key, folder.File(key.FileBaseName + ".key"), folder.File(key.FileBaseName + ".private"));
    }

    private static void AssertLoadFails(KeyStore store, string path, string expected)
    {
        store.Rescan(); // the files were changed from outside, as the server sees them at its next reload
        var e = Assert.Throws<KeyFileException>(() => store.LoadOrCreate(Zone, DnssecAlgorithm.EcdsaP256Sha256));
        Assert.Equal(path, e.Path);
        Assert.Contains(expected, e.Reason);
    }

    [Fact]
    public void Private_file_without_public_file()
    {
        using var folder = new TempDirectory();
        var (store, _, publicPath, privatePath) = StoreWithOneKey(folder);
        File.Delete(publicPath);
        AssertLoadFails(store, privatePath, "has no .key file");
    }

    [Fact]
    public void Public_file_without_private_file()
    {
        using var folder = new TempDirectory();
        var (store, _, publicPath, privatePath) = StoreWithOneKey(folder);
        File.Delete(privatePath);
        AssertLoadFails(store, publicPath, "has no .private file");
    }

    [Fact]
    public void Private_key_of_another_key()
    {
        using var folder = new TempDirectory();
        var (store, _, _, privatePath) = StoreWithOneKey(folder);
        var other = KeyGenerator.Generate(Zone, DnssecAlgorithm.EcdsaP256Sha256);
        File.WriteAllText(privatePath, BindPrivateKeyFile.Format(other));
        AssertLoadFails(store, privatePath, "does not hold the private key of the public key");
    }

    [Fact]
    public void Private_key_of_another_algorithm()
    {
        using var folder = new TempDirectory();
        var (store, _, _, privatePath) = StoreWithOneKey(folder);
        File.WriteAllText(privatePath, BindPrivateKeyFile.Format(TestKeys.For(DnssecAlgorithm.Ed25519)));
        AssertLoadFails(store, privatePath, "holds an algorithm 15 key");
    }

    [Fact]
    public void File_name_that_does_not_match_the_key()
    {
        using var folder = new TempDirectory();
        var (store, key, publicPath, privatePath) = StoreWithOneKey(folder);
        string wrongBase = BindKeyFileName.Of(Zone, 13, (ushort)(key.KeyTag ^ 1));
        File.Move(publicPath, folder.File(wrongBase + ".key"));
        File.Move(privatePath, folder.File(wrongBase + ".private"));
        AssertLoadFails(store, folder.File(wrongBase + ".key"), "but its name says");
    }

    [Fact]
    public void Key_for_another_zone_under_this_zones_name()
    {
        using var folder = new TempDirectory();
        var (store, key, publicPath, _) = StoreWithOneKey(folder);
        File.WriteAllText(publicPath, BindPublicKeyFile.Format(key).Replace("example.org. IN", "example.net. IN", StringComparison.Ordinal));
        AssertLoadFails(store, publicPath, "holds a key for example.net., not for example.org.");
    }

    [Theory]
    [InlineData(385, "only 256 (ZSK) and 257 (KSK/CSK)")] // revoked
    [InlineData(1, "only 256 (ZSK) and 257 (KSK/CSK)")]   // not a zone key
    public void Flags_that_cannot_sign(int flags, string expected)
    {
        using var folder = new TempDirectory();
        var (store, key, publicPath, _) = StoreWithOneKey(folder);
        // The key tag changes with the flags, so the files are renamed to match.
        var rdata = DnskeyRdata.Build((ushort)flags, key.SigningKey);
        string baseName = BindKeyFileName.Of(Zone, 13, KeyTag.Compute(rdata));
        File.WriteAllText(folder.File(baseName + ".key"),
            $"example.org. IN DNSKEY {flags} 3 13 {Convert.ToBase64String(key.SigningKey.PublicKey.Span)}\n");
        File.Move(folder.File(key.FileBaseName + ".private"), folder.File(baseName + ".private"));
        File.Delete(publicPath);
        AssertLoadFails(store, folder.File(baseName + ".key"), expected);
    }

    [Fact]
    public void Garbage_private_file()
    {
        using var folder = new TempDirectory();
        var (store, _, _, privatePath) = StoreWithOneKey(folder);
        File.WriteAllText(privatePath, "hello\n");
        AssertLoadFails(store, privatePath, "line 1: expected 'Field: value'");
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.OtherWrite, "0402")]
    public void A_private_key_open_to_group_or_others_is_refused_with_its_path(UnixFileMode mode, string octal)
    {
        if (OperatingSystem.IsWindows()) { return; }
        using var folder = new TempDirectory();
        var (store, _, _, privatePath) = StoreWithOneKey(folder);
        File.SetUnixFileMode(privatePath, mode);
        AssertLoadFails(store, privatePath, $"has mode {octal}: group or others may read or change this private key");
        // Made private again, it is used.
        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Assert.Single(new KeyStore(folder.Path).Load(Zone));
        File.SetUnixFileMode(privatePath, UnixFileMode.UserRead);
        Assert.Single(new KeyStore(folder.Path).Load(Zone));
    }

    [Fact]
    public void The_key_folder_is_made_0700()
    {
        if (OperatingSystem.IsWindows()) { return; }
        using var folder = new TempDirectory();
        var store = new KeyStore(folder.File("keys"));
        store.LoadOrCreate(Zone, DnssecAlgorithm.Ed25519);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.File("keys")));
    }

    [Fact]
    public void Unrelated_files_are_ignored()
    {
        using var folder = new TempDirectory();
        var (store, key, _, _) = StoreWithOneKey(folder);
        File.WriteAllText(folder.File("README"), "x");
        File.WriteAllText(folder.File("Kexample.org.+013+12345.state"), "x");
        File.WriteAllText(folder.File("Kexample.org.key"), "x");
        File.WriteAllText(folder.File("Kother.example.org.+013+12345.key"), "x");
        File.WriteAllText(folder.File("." + key.FileBaseName + ".private.0123.tmp"), "x");
        Assert.Equal(key.KeyTag, Assert.Single(store.Load(Zone)).KeyTag);
    }
}
