resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.portal.arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.portal.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.portal.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

# A network load balancer's TCP listener without a protocol attribute is not HTTP.
resource "aws_lb_listener" "hl7" {
  load_balancer_arn = aws_lb.hl7.arn
  port              = 2575
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.hl7.arn
  }
}

resource "aws_cloudfront_distribution" "portal" {
  enabled = true
  origin {
    domain_name = aws_lb.portal.dns_name
    origin_id   = "portal"
  }
  default_cache_behavior {
    target_origin_id       = "portal"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  ordered_cache_behavior {
    path_pattern           = "/api/*"
    target_origin_id       = "portal"
    viewer_protocol_policy = "https-only"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.portal.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}

resource "aws_opensearch_domain" "notes_search" {
  domain_name = "clinic-notes"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
