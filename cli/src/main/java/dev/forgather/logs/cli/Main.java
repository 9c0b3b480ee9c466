package dev.forgather.logs.cli; public class Main { public static void main(String[] a){ new picocli.CommandLine(new Object()); } }
