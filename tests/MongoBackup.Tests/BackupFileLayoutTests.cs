using System.IO;
using MongoBackup.Client;
using MongoBackup.Transfer;
using Xunit;

namespace MongoBackup.Tests
{
    public class BackupFileLayoutTests
    {
        [Theory]
        [InlineData("cmgo-dygv1rnp_2021-03-26 10:44", "cmgo-dygv1rnp_2021-03-26 10_44")]
        [InlineData("a/b\\c*d?e\"f<g>h|i", "a_b_c_d_e_f_g_h_i")]
        [InlineData("trailing. ", "trailing")]
        [InlineData("..", "_")]
        [InlineData("", "_")]
        [InlineData("tab\there", "tab_here")]
        [InlineData("备份 2026", "备份 2026")]
        public void MakesNamesFileSafe(string name, string expected) => Assert.Equal(expected, BackupFileLayout.FileSafe(name));

        [Theory]
        [InlineData("https://b.cos.ap-guangzhou.myqcloud.com/x/cmgo-p8vnipr5_0.tar?sign=abc", ".tar")]
        [InlineData("http://127.0.0.1:5000/cos/b/i/n/cmgo-p8vnipr5_0.xb?expires=1", ".xb")]
        [InlineData("https://h/p/file.tar.gz?q=1", ".tar.gz")]
        [InlineData("https://h/p/noextension?q=1", "")]
        [InlineData("https://h/p/weird.ext%3Fevil/", "")]
        [InlineData("not a url", "")]
        public void TakesTheExtensionFromTheLink(string url, string expected) => Assert.Equal(expected, BackupFileLayout.ExtensionFromUrl(url));

        [Fact]
        public void LaysOutInstanceBackupReplicaSet()
        {
            string path = BackupFileLayout.PathFor("/dest", "cmgo-p8vnipr5", "cmgo-p8vnipr5_2026-11-28 03:00", "cmgo-p8vnipr5_0",
                "http://127.0.0.1/cos/b/cmgo-p8vnipr5/x/cmgo-p8vnipr5_0.tar?sign=s");
            Assert.Equal(Path.Combine("/dest", "cmgo-p8vnipr5", "cmgo-p8vnipr5_2026-11-28 03_00", "cmgo-p8vnipr5_0.tar"), path);
        }
    }
}
