/* Maps of the Sozialraum-Portal (Leaflet, served locally).
 *
 * Every element with [data-map] names a <script type="application/json"> block
 * (data-geojson) holding a GeoJSON FeatureCollection. Feature properties:
 * name (popup title), url (link), text (one line under the title).
 * The tile server comes from data-tiles-url; when it is empty the map has no
 * background, but boundaries, markers and popups still work.
 */
(function () {
  "use strict";

  function popupContent(props) {
    var box = document.createElement("div");
    var title;
    if (props.url) {
      title = document.createElement("a");
      title.href = props.url;
    } else {
      title = document.createElement("strong");
    }
    title.textContent = props.name || "";
    box.appendChild(title);
    if (props.text) {
      var line = document.createElement("p");
      line.textContent = props.text;
      box.appendChild(line);
    }
    return box;
  }

  function initMap(el) {
    var source = document.getElementById(el.getAttribute("data-geojson"));
    if (!source || typeof L === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var map = L.map(el, {
      scrollWheelZoom: false,
      fadeAnimation: !still,
      zoomAnimation: !still,
      markerZoomAnimation: !still
    });
    var tiles = el.getAttribute("data-tiles-url");
    if (tiles) {
      L.tileLayer(tiles, {
        attribution: el.getAttribute("data-tiles-attribution") || "",
        maxZoom: 19
      }).addTo(map);
    }
    var layer = L.geoJSON(data, {
      style: function () {
        return { color: "#1d4f91", weight: 3, fillColor: "#1d4f91", fillOpacity: 0.12 };
      },
      pointToLayer: function (feature, latlng) {
        var name = (feature.properties && feature.properties.name) || "";
        return L.marker(latlng, { title: name, alt: name });
      },
      onEachFeature: function (feature, featureLayer) {
        if (feature.properties && feature.properties.name) {
          featureLayer.bindPopup(popupContent(feature.properties));
        }
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
    } else {
      var lat = parseFloat(el.getAttribute("data-center-lat")) || 51.3745;
      var lng = parseFloat(el.getAttribute("data-center-lng")) || 7.696;
      map.setView([lat, lng], parseInt(el.getAttribute("data-zoom"), 10) || 14);
    }
    el.classList.add("map-ready");
  }

  document.querySelectorAll("[data-map]").forEach(initMap);
})();
