namespace Desec.Signer.Storage;

/// <summary>
/// The state folder and its sub-folders (keys, serials, signed versions, journals): created mode 0700,
/// since they hold the private keys and what the server must never lose or have changed behind its back.
/// </summary>
/// <remarks>
/// An existing state folder with rights for group or others is reported, not changed: the operator
/// chose that folder and may share it on purpose (it could even be the working directory). The four
/// sub-folders are this server's alone, so one with wider rights is tightened to 0700 and reported.
/// Private key files are checked one by one when they are read (see <c>KeyStore</c>).
/// </remarks>
public static class StateFolder
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The rights of group and others: none of them may be set on what holds keys.</summary>
    public const UnixFileMode GroupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The sub-folders the server keeps there.</summary>
    public static readonly IReadOnlyList<string> SubFolders = ["keys", "serials", "signed", "journal"];

    /// <summary>Creates <paramref name="path"/> (and missing parents) with mode 0700 when it does not exist.</summary>
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows()) { Directory.CreateDirectory(path); }
        else { Directory.CreateDirectory(path, OwnerOnly); }
    }

    /// <summary>
    /// Creates the state folder and its sub-folders 0700, tightens sub-folders that are open to others,
    /// and returns what an operator should know (a state folder open to others, a sub-folder tightened).
    /// </summary>
    public static IReadOnlyList<string> Prepare(string root)
    {
        var notes = new List<string>();
        bool existed = Directory.Exists(root);
        Create(root);
        if (OperatingSystem.IsWindows()) { return notes; }
        var rootMode = File.GetUnixFileMode(root);
        if (existed && (rootMode & GroupOrOthers) != 0)
        {
            notes.Add($"state folder {Path.GetFullPath(root)} has mode {Octal(rootMode)}: group or others may {What(rootMode)} it; "
                + $"its sub-folders are kept 0700, but consider chmod 700 '{root}'");
        }
        foreach (string name in SubFolders)
        {
            string path = Path.Combine(root, name);
            Create(path);
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                File.SetUnixFileMode(path, mode & ~GroupOrOthers);
                notes.Add($"{Path.GetFullPath(path)} had mode {Octal(mode)}; changed to {Octal(mode & ~GroupOrOthers)} (it is this server's alone)");
            }
        }
        return notes;
    }

    /// <summary>A mode as <c>ls</c> and <c>chmod</c> write it, e.g. <c>0644</c>.</summary>
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');

    private static string What(UnixFileMode mode) =>
        (mode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 ? "change files in" : "list or read";
}
