<?xml version="1.0" encoding="utf-8"?>
<!-- What a browser shows for one of the catalogue's Atom feeds: a Swedish page that says what
     the file is, how to subscribe, and lists the entries. Feed readers never apply it.
     Every feed names this file with a relative address (exports/atom.py), which is also the way
     back to the site root: the stylesheet takes the root from there, so it works at any depth
     and under any sub-path. Nothing inline: the site's Content-Security-Policy applies. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="here" select="/processing-instruction('xml-stylesheet')"/>
  <xsl:variable name="root" select="substring-before(substring-after($here, 'href=&quot;'), 'assets/feed.xsl')"/>

  <xsl:template match="/atom:feed">
    <html lang="sv">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="atom:title"/> – nyhetsflöde</title>
        <link rel="icon" href="data:,"/>
        <link rel="stylesheet" href="{$root}assets/feed.css"/>
      </head>
      <body>
        <main>
          <p class="feed-kind">Nyhetsflöde (Atom)</p>
          <h1><xsl:value-of select="atom:title"/></h1>
          <p class="feed-how">Det här är ett nyhetsflöde. Prenumerera genom att kopiera adressen nedan och
            lägga till den i ditt program för nyhetsflöden. Då får du veta när en utmaning publiceras eller
            ändras.</p>
          <p class="feed-address"><code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
          <p><a href="{atom:link[@rel='alternate']/@href}">Till sidan på webbplatsen</a></p>
          <h2>Utmaningar i flödet, den senast ändrade först</h2>
          <xsl:choose>
            <xsl:when test="atom:entry">
              <ul class="feed-entries">
                <xsl:apply-templates select="atom:entry"/>
              </ul>
            </xsl:when>
            <xsl:otherwise>
              <p>Flödet är tomt just nu. När en utmaning publiceras här visas den i flödet.</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="feed-updated">Ändrad <time datetime="{substring(atom:updated, 1, 10)}">
        <xsl:call-template name="swedish-date">
          <xsl:with-param name="iso" select="substring(atom:updated, 1, 10)"/>
        </xsl:call-template>
      </time> · <xsl:value-of select="atom:category[not(@scheme)]/@label"/></p>
      <p><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>

  <!-- 2026-11-05 as people read it: 5 november 2026 (the month names of dates.py). -->
  <xsl:template name="swedish-date">
    <xsl:param name="iso"/>
    <xsl:variable name="month" select="number(substring($iso, 6, 2))"/>
    <xsl:value-of select="number(substring($iso, 9, 2))"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$month = 1">januari</xsl:when>
      <xsl:when test="$month = 2">februari</xsl:when>
      <xsl:when test="$month = 3">mars</xsl:when>
      <xsl:when test="$month = 4">april</xsl:when>
      <xsl:when test="$month = 5">maj</xsl:when>
      <xsl:when test="$month = 6">juni</xsl:when>
      <xsl:when test="$month = 7">juli</xsl:when>
      <xsl:when test="$month = 8">augusti</xsl:when>
      <xsl:when test="$month = 9">september</xsl:when>
      <xsl:when test="$month = 10">oktober</xsl:when>
      <xsl:when test="$month = 11">november</xsl:when>
      <xsl:otherwise>december</xsl:otherwise>
    </xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($iso, 1, 4)"/>
  </xsl:template>
</xsl:stylesheet>
